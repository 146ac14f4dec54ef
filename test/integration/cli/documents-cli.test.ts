import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/program';
import { createAppContext } from '../../../src/main/app-context';
import { tempDir } from '../../support/temp';
import { fixture, makePdf } from '../../unit/documents/fixtures';
import { pdfPagesText } from '../documents/poppler';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env: {} });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** A database holding one port; `complete` fills every LOA field. */
function portDb(complete: boolean, extra: Record<string, string> = {}): { dir: string; db: string; id: string } {
  const dir = tempDir();
  const db = join(dir, 'portdesk.db');
  const ctx = createAppContext({ dbPath: db, shell: 'cli' });
  const fields = complete
    ? { losingCarrier: 'Verizon', winningCarrier: 'Bandwidth', billingName: 'Acme Inc', authorizedPerson: 'Jane Doe', billingPhone: '+12025550100', street: '1 Main St', locality: 'Washington', region: 'DC', postalCode: '20001', country: 'US', accountNumber: '12345' }
    : {};
  const id = ctx.ports.create({ fields: { name: 'Acme HQ', ...fields, ...extra }, numbers: ['2025550143', '2025550144'] }).id;
  ctx.close();
  return { dir, db, id };
}

describe('portdesk document commands', () => {
  it('attaches files with the UI validation, naming each refused file, and lists them', async () => {
    const { dir, db, id } = portDb(false);
    writeFileSync(join(dir, 'March bill.pdf'), await makePdf(2));
    writeFileSync(join(dir, 'LOA scan.jpg'), fixture('bill-photo.jpg'));
    writeFileSync(join(dir, 'notes.txt'), 'not a pdf at all');
    const attach = await cli(['--db', db, 'attach', id, join(dir, 'March bill.pdf'), join(dir, 'LOA scan.jpg'), join(dir, 'notes.txt'), join(dir, 'missing.pdf')]);
    expect(attach.code).toBe(1);
    expect(attach.stdout).toMatch(/Attached March bill\.pdf \(bill, /);
    expect(attach.stdout).toMatch(/Attached LOA scan\.pdf \(loa, /);
    expect(attach.stderr).toContain('2 of 4 file(s) not attached');
    expect(attach.stderr).toContain('notes.txt: "notes.txt" is');
    expect(attach.stderr).toContain('missing.pdf: Cannot read');

    const list = await cli(['--db', db, 'attachments', id, '--json']);
    expect(JSON.parse(list.stdout)).toMatchObject([
      { name: 'March bill.pdf', kind: 'bill', version: 1 },
      { name: 'LOA scan.pdf', kind: 'loa', version: 1 },
    ]);
    expect((await cli(['--db', db, 'attachments', id])).stdout).toMatch(/bill\s+v1\s+.*March bill\.pdf/);
  });

  it('loa fails naming the missing fields unless --draft, which writes an unattached draft', async () => {
    const { dir, db, id } = portDb(false);
    const out = join(dir, 'loa.pdf');
    const refused = await cli(['--db', db, 'loa', id, '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Cannot generate the LOA until these are filled in');
    expect(refused.stderr).toContain('Authorized person');
    expect(existsSync(out)).toBe(false);
    const draft = await cli(['--db', db, 'loa', id, '--out', out, '--draft']);
    expect(draft).toMatchObject({ code: 0 });
    expect(draft.stdout).toContain('(draft, not attached)');
    expect(pdfPagesText(out).join('\n')).toContain('(202) 555-0143');
  });

  it('loa writes and attaches the complete letter', async () => {
    const { dir, db, id } = portDb(true);
    const out = join(dir, 'loa.pdf');
    const made = await cli(['--db', db, 'loa', id, '--out', out]);
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/attached as LOA - Acme HQ\.pdf \(version 1\)/);
    const text = pdfPagesText(out).join('\n');
    for (const s of ['Jane Doe', 'Acme Inc', '12345', '(202) 555-0144']) expect(text).toContain(s);
    expect(JSON.parse((await cli(['--db', db, '--json', 'attachments', id])).stdout)).toMatchObject([{ kind: 'loa' }]);
  });

  it('loa prints names as written and names on stderr what its fonts cannot print', async () => {
    const { dir, db, id } = portDb(true, { billingName: 'Zoë Łukasiewicz 𓀀', authorizedPerson: 'Дмитрий 王小明' });
    const out = join(dir, 'loa.pdf');
    const made = await cli(['--db', db, 'loa', id, '--out', out]);
    expect(made.code).toBe(0);
    expect(made.stderr).toContain('"𓀀" (U+13000)');
    const text = pdfPagesText(out).join('\n');
    for (const s of ['Zoë Łukasiewicz ?', 'Дмитрий 王小明']) expect(text).toContain(s);
  });
});
