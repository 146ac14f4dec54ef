import { spawnSync } from 'node:child_process';

/**
 * Run a poppler-utils tool. A missing tool fails the test with instructions instead of skipping it:
 * these tests are the only check that the PDFs we write read back correctly in another reader.
 */
export function poppler(tool: 'pdftotext' | 'pdftoppm' | 'pdfinfo', args: string[]): { stdout: string; stderr: string } {
  const probe = spawnSync(tool, ['-v'], { encoding: 'utf8' });
  if (probe.error) {
    throw new Error(`${tool} is not installed. Install poppler-utils (Debian/Ubuntu: apt-get install -y poppler-utils; macOS: brew install poppler); CI installs it.`);
  }
  const result = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return { stdout: result.stdout, stderr: result.stderr };
}

/** Text of a PDF file, one string per page (pdftotext separates pages with form feeds). */
export function pdfPagesText(file: string): string[] {
  const text = poppler('pdftotext', ['-enc', 'UTF-8', file, '-']).stdout;
  const pages = text.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/** Page count as pdfinfo reports it. */
export function pdfPageCount(file: string): number {
  const match = /^Pages:\s+(\d+)/m.exec(poppler('pdfinfo', [file]).stdout);
  if (!match) throw new Error(`pdfinfo did not report a page count for ${file}`);
  return Number(match[1]);
}

