import type { PortSummary } from '../../../shared/model';
import { isEditable } from '../../../shared/domain/states';
import type { TextField } from '../detail/fieldDefs';
import type { Edit } from './editStore';
import { fieldProblem } from '../../../shared/domain/fieldProblems';

/** Cells copied from a spreadsheet: rows by line, cells by tab (what Excel, Sheets and Numbers put on the clipboard). */
export function parseClipboardBlock(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  // Spreadsheets end the copied block with a newline.
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => l.split('\t').map((c) => c.trim()));
}

export interface PasteRow {
  port: PortSummary;
  /** Per pasted column: the old and new value, and the detail form's objection if any. */
  cells: { field: TextField; from: string; to: string; error: string | null }[];
  /** Why this port is left alone (its state), when it is. */
  skip: string | null;
}

export interface PastePlan {
  rows: PasteRow[];
  /** Pasted lines beyond the selected rows (not applied). */
  extraLines: number;
  errors: number;
  edits: Edit[];
}

/**
 * Match pasted lines to the selected ports in order, line 1 to the first port: what each port's
 * fields become, which values the detail form would refuse, and which ports are skipped.
 */
export function planPaste(block: string[][], ports: readonly PortSummary[], fields: readonly TextField[]): PastePlan {
  const rows: PasteRow[] = [];
  const edits: Edit[] = [];
  let errors = 0;
  ports.slice(0, block.length).forEach((port, i) => {
    const line = block[i] ?? [];
    const cells = fields.map((field, c) => {
      const to = line[c] ?? '';
      const error = fieldProblem(field, to);
      return { field, from: port[field], to, error };
    });
    const skip = isEditable(port.state) ? null : `${port.state}: cannot be edited`;
    if (!skip) {
      errors += cells.filter((c) => c.error).length;
      const changed = cells.filter((c) => c.from !== c.to && !c.error);
      if (changed.length > 0) edits.push({ id: port.id, patch: Object.fromEntries(changed.map((c) => [c.field, c.to])) });
    }
    rows.push({ port, cells, skip });
  });
  return { rows, extraLines: Math.max(0, block.length - ports.length), errors, edits };
}
