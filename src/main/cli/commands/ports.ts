import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { AppError } from '../../../shared/errors';
import { PORT_STATES } from '../../../shared/model';
import { portDetailText, portsTable } from '../format';
import type { Call, Run } from './run';
import { addFieldOptions, fieldsPatch, readinessOf, setResultText } from './portFields';

export interface PortCommandDeps {
  run: Run;
  call: Call;
  out(text: string): void;
  json(): boolean;
}

interface ListOptions {
  state?: (typeof PORT_STATES)[number];
  view?: string;
  format: 'table' | 'csv' | 'xlsx';
  perNumber?: boolean;
  out?: string;
}

/** `portdesk ports ...` and `portdesk numbers ...`, over the same RPC methods as the UI. */
export function registerPortCommands(program: Command, { run, call, out, json }: PortCommandDeps): void {
  const collect = (value: string, previous: string[] = []) => [...previous, value];

  const ports = program.command('ports').description('list, show, create, move and delete port requests');
  ports
    .command('list')
    .description('list port requests')
    .addOption(new Option('--state <state>', 'only ports in this state').choices(PORT_STATES).conflicts('view'))
    .option('--view <name>', 'the ports of a saved view (e.g. "FOC overdue"), in its order')
    .addOption(new Option('--format <format>', 'table, or a file that re-imports into PortDesk').choices(['table', 'csv', 'xlsx']).default('table'))
    .option('--per-number', 'csv/xlsx: one row per number instead of one per port')
    .option('--out <file>', 'csv/xlsx: write to this file (csv goes to standard output without it)')
    .action(async (opts: ListOptions) => {
      if (opts.format === 'table') {
        if (opts.view) await run('views.ports', { name: opts.view }, portsTable);
        else await run('ports.list', opts.state ? { state: opts.state } : {}, portsTable);
        return;
      }
      if (opts.format === 'xlsx' && !opts.out) throw new AppError('VALIDATION', '--format xlsx needs --out FILE (a workbook is not text)');
      const ids = opts.view ? undefined : (await call('ports.list', opts.state ? { state: opts.state } : {})).map((p) => p.id);
      const file = await call('ports.export', { ...(ids ? { ids } : { view: opts.view }), format: opts.format, perNumber: opts.perNumber === true });
      const bytes = Buffer.from(file.base64, 'base64');
      if (!opts.out) {
        out(bytes.toString('utf8').replace(/^\uFEFF/, '').trimEnd());
        return;
      }
      await writeFile(opts.out, bytes);
      out(`Wrote ${file.rows} row(s) for ${file.ports} port(s) to ${opts.out}`);
    });
  ports
    .command('show <id>')
    .description('show one port request with its numbers')
    .action((id: string) => run('ports.get', { id }, portDetailText));
  ports
    .command('create')
    .description('create a port request')
    .requiredOption('--name <name>', 'name of the port request')
    .option('--number <number>', 'a number to port (repeatable, any common format)', collect)
    .option('--losing-carrier <carrier>', 'carrier the numbers leave')
    .option('--country <cc>', 'country for numbers written without +', 'US')
    .option('--remote <id>', 'remote to sync it with (default: the default remote)')
    .option('--local', 'keep it local only, even when a default remote is set (the first remote added passes it by too)')
    .action((opts: { name: string; number?: string[]; losingCarrier?: string; country: string; remote?: string; local?: boolean }) =>
      run(
        'ports.create',
        {
          fields: { name: opts.name, ...(opts.losingCarrier ? { losingCarrier: opts.losingCarrier } : {}) },
          numbers: opts.number ?? [],
          country: opts.country,
          ...(opts.local ? { remoteId: null } : opts.remote ? { remoteId: opts.remote } : {}),
        },
        (p) => `Created ${p.id} "${p.name}" with ${p.numbers.length} number(s)${p.remoteId ? ` on remote ${p.remoteId}` : ', local only'}`,
      ),
    );
  addFieldOptions(
    ports
      .command('set <id>')
      .description('set fields of a port (billing name, authorized person, address, account number, PIN, carriers, dates), checked like the window; prints what still stops a submit')
      .option('--from-json <file>', 'a JSON object of fields, e.g. {"billingName": "Acme LLC", "postalCode": "60540"}; options given beside it win'),
  ).action(async (id: string, opts: Record<string, unknown>) => {
    const patch = await fieldsPatch(opts);
    const before = await call('ports.get', { id });
    const port = await call('ports.update', { id, patch });
    const changed = (Object.keys(patch) as (keyof typeof patch)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(port[k]));
    const problems = readinessOf(port);
    out(json() ? JSON.stringify({ port, changed, readiness: problems }, null, 2) : setResultText(port, changed, problems));
  });
  ports
    .command('assign <id>')
    .description('give a local-only port a remote; it is created there with the next sync')
    .requiredOption('--remote <id>', 'the remote')
    .option('--account <id>', 'sub-account on the remote')
    .action((id: string, opts: { remote: string; account?: string }) =>
      run('ports.assignRemote', { id, remoteId: opts.remote, ...(opts.account ? { remoteAccountId: opts.account } : {}) }, (p) => `Assigned ${p.id} "${p.name}" to remote ${p.remoteId ?? ''}`),
    );
  ports
    .command('keep-local <id>')
    .description('keep a port on this computer: it leaves a remote it was never sent to, and adding the first remote passes it by')
    .option('--off', 'stop keeping it local (the first remote added then takes it)')
    .action((id: string, opts: { off?: boolean }) =>
      run('ports.setKeptLocal', { id, keptLocal: !opts.off }, (p) => (p.keptLocal ? `Keeping ${p.id} "${p.name}" local` : `${p.id} "${p.name}" is no longer kept local`)),
    );
  ports
    .command('move <id> <state>')
    .description(`move a port to another state (${PORT_STATES.join(', ')})`)
    .option('--reason <text>', 'reason recorded on the timeline')
    .option('--date <YYYY-MM-DD>', 'FOC date, when scheduling')
    .option('--force', 'submit even when readiness checks fail')
    .action((id: string, state: string, opts: { reason?: string; date?: string; force?: boolean }) =>
      run('ports.move', { id, to: state as (typeof PORT_STATES)[number], ...opts }, (p) => `Moved ${p.id} "${p.name}" to ${p.state}`),
    );
  ports
    .command('comment <id> <text>')
    .description('add a comment to a port; it reaches the remote with the next sync')
    .option('--private', 'private: not shown to the end customer')
    .option('--action-required', 'the other side must act on it')
    .action((id: string, text: string, opts: { private?: boolean; actionRequired?: boolean }) =>
      run(
        'comments.add',
        { portId: id, body: text, isPrivate: opts.private === true, actionRequired: opts.actionRequired === true },
        (c) => `Added comment ${c.id} to ${c.portId}`,
      ),
    );
  ports
    .command('delete <id>')
    .description('delete a port request (unconfirmed, rejected or canceled)')
    .action((id: string) => run('ports.delete', { id }, (r) => (r.leftOnRemote ? `Deleted ${r.deleted}\n${r.leftOnRemote}` : `Deleted ${r.deleted}`)));

  const numbers = program.command('numbers').description('add, remove and look up numbers');
  numbers
    .command('add <portId> <numbers...>')
    .description('add numbers to a port (any common format; stored as E.164)')
    .option('--country <cc>', 'country for numbers written without +', 'US')
    .action((portId: string, list: string[], opts: { country: string }) =>
      run('numbers.add', { portId, numbers: list, country: opts.country }, (r) =>
        [`Added ${r.added.length} number(s)`, ...r.alreadyOnPort.map((n) => `already on this port: ${n}`), ...r.notes].join('\n'),
      ),
    );
  numbers
    .command('remove <portId> <numbers...>')
    .description('remove numbers (E.164) from a port')
    .action((portId: string, list: string[]) => run('numbers.remove', { portId, numbers: list }, (r) => `Removed ${r.removed.length} number(s)`));
  numbers
    .command('lookup <number>')
    .description('find the open port holding a number')
    .option('--country <cc>', 'country for numbers written without +', 'US')
    .action((number: string, opts: { country: string }) =>
      run('numbers.lookup', { number, country: opts.country }, (r) => (r.port ? `${r.e164} is on ${r.port.id} "${r.port.name}" (${r.port.state})` : `${r.e164} is on no open port`)),
    );

}
