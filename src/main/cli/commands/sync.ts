import { readFile, stat } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { AppError } from '../../../shared/errors';
import type { Run } from './run';
import type { RemoteInfoView, SyncStatusView } from '../../../shared/rpc/methods/sync';
import { TRUSTED_CA_MAX_CHARS, TRUSTED_CA_TOO_BIG, certificateExpiry, expiryText, shortFingerprint } from '../../../shared/domain/trustedCa';
import { lateCreateText } from '../../../shared/domain/lateCreates';
import { unreadableAccount, unreadableHeading } from '../../../shared/domain/unreadable';

/** `portdesk sync` ran, printed its report, and not everything is in sync (1 is an error, 2 a usage error). */
export const SYNC_NOT_CONVERGED = 3;

export interface SyncCommandDeps {
  run: Run;
  env: NodeJS.ProcessEnv;
  /** All of standard input (the token for --token-stdin). */
  readStdin?: () => Promise<string>;
}

interface TokenOptions {
  tokenStdin?: boolean;
  tokenEnv?: string;
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The token from stdin or a named environment variable; never from argv (it would show in `ps` and shell history). */
async function readToken(opts: TokenOptions, deps: SyncCommandDeps): Promise<string> {
  if (opts.tokenStdin && opts.tokenEnv) throw new AppError('VALIDATION', 'Give the token one way: --token-stdin or --token-env VAR');
  if (opts.tokenEnv) {
    const value = deps.env[opts.tokenEnv];
    if (!value) throw new AppError('VALIDATION', `Environment variable ${opts.tokenEnv} is not set or empty`);
    return value.trim();
  }
  if (opts.tokenStdin) {
    const value = (await (deps.readStdin ?? readProcessStdin)()).trim();
    if (!value) throw new AppError('VALIDATION', 'No token on standard input');
    return value;
  }
  throw new AppError('VALIDATION', 'The token is required: pipe it with --token-stdin or name a variable with --token-env VAR');
}

/**
 * A trusted certificate file's text, refused by its size before it is read; its form is checked
 * by the RPC schema and each certificate by the remotes service, like the Settings field's.
 */
async function readCaFile(file: string): Promise<string> {
  try {
    if ((await stat(file)).size > TRUSTED_CA_MAX_CHARS) throw new AppError('VALIDATION', `${file} ${TRUSTED_CA_TOO_BIG}`);
    return await readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    throw new AppError('FILE', `Cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message}`);
  }
}

/** ", expired" or ", expires in N days" once a trusted certificate's end is near or past (the server is refused from then on). */
function endOf(validTo: string): string {
  const expiry = certificateExpiry([validTo], Date.now());
  return expiry ? `, ${expiryText(expiry)}: valid until ${validTo}` : '';
}

/** One line of `portdesk remote list`; a trusted private authority by its subject and the start of its SHA-256 fingerprint. */
function remoteLine(r: RemoteInfoView): string {
  const trust = r.trustedCaProblem
    ? '  (trusted certificate unusable: see --json)'
    : r.trustedCertificates.map((c) => `  trusts "${c.subject}" (SHA-256 ${shortFingerprint(c.fingerprint)}${endOf(c.validTo)})`).join('');
  return `${r.id}  ${r.kind}  ${r.name}  ${r.baseUrl}  account ${r.accountId}${r.apiUser ? `  user ${r.apiUser}` : ''}${r.hasToken ? '' : '  (no token)'}${trust}`;
}

/** Human text for `portdesk sync status`. */
export function statusText(s: SyncStatusView): string {
  const lines = [s.summary];
  for (const r of s.remotes) {
    const last = r.lastSyncedAt ? new Date(r.lastSyncedAt).toISOString() : 'never';
    lines.push(`  ${r.name} (${r.kind}, ${r.remoteId}): ${r.state}; ${r.queued} queued, ${r.blocked} blocked, ${r.conflicts} conflicts; last synced ${last}${r.message ? `; ${r.message}` : ''}`);
    for (const c of r.lateCreates) lines.push(`    ${c.name} (${c.portId}): ${lateCreateText(c.settlesAt, c.message)}`);
    for (const d of r.duplicates) {
      const command = `portdesk sync duplicate ${d.remoteObjectId} --remote ${r.remoteId}`;
      const what = d.cancelRefusal ? `${d.cancelRefusal} (${command} --dismiss)` : `${command} --cancel|--dismiss`;
      lines.push(`    duplicate ${d.remoteObjectId} of ${d.name} (${d.portId}, linked to ${d.keptObjectId ?? 'none yet'}), ${d.state}: ${what}`);
    }
    if (r.unreadable.length > 0) {
      lines.push(`    ${unreadableHeading(r.unreadable.length)} (${r.unreadable.some((u) => u.portId) ? 'linked ports kept as they were' : 'not made into ports'}):`);
      for (const u of r.unreadable) lines.push(`      ${u.remoteObjectId} in ${unreadableAccount(u)}${u.portId ? `, port ${u.portId}` : ''}: ${u.reason}`);
    }
  }
  const local = s.localOnly;
  if (local.ports > 0) {
    lines.push(`  Local only: ${local.ports} port(s)${local.keptLocal > 0 ? ` (${local.keptLocal} kept local)` : ''}; ${local.changes} queued change(s) wait for a remote`);
  }
  return lines.join('\n');
}

/** `portdesk remote add|list|default|remove|token|ca` and `portdesk sync --once|status`. */
export function registerSyncCommands(program: Command, deps: SyncCommandDeps): void {
  const { run } = deps;
  const remote = program.command('remote').description('porting API accounts PortDesk syncs with');
  remote
    .command('add')
    .description('add a remote; the token comes from stdin or an environment variable')
    .addOption(new Option('--kind <kind>', 'API family').choices(['kazoo', 'telnyx']).makeOptionMandatory())
    .requiredOption('--url <url>', 'server root, e.g. http://crossbar.example.com:8000 (with or without /v2)')
    .requiredOption('--account <id>', 'account id')
    .option('--user <email>', 'Telnyx: the portal user (e-mail) the token belongs to (required for Telnyx)')
    .option('--name <name>', 'display name')
    .option('--connection-id <id>', 'Telnyx: connection set on ported numbers (needed to submit)')
    .option('--token-stdin', 'read the token from standard input')
    .option('--token-env <VAR>', 'read the token from this environment variable')
    .option('--ca-file <file>', 'PEM certificate of the private authority (or self-signed certificate) to trust for this server')
    .action(async (opts: TokenOptions & { kind: 'kazoo' | 'telnyx'; url: string; account: string; user?: string; name?: string; connectionId?: string; caFile?: string }) => {
      const token = await readToken(opts, deps);
      const trustedCa = opts.caFile !== undefined ? await readCaFile(opts.caFile) : undefined;
      await run(
        'remotes.add',
        {
          kind: opts.kind,
          url: opts.url,
          accountId: opts.account,
          token,
          ...(opts.user ? { apiUser: opts.user } : {}),
          ...(opts.name ? { name: opts.name } : {}),
          ...(opts.connectionId ? { defaultConnectionId: opts.connectionId } : {}),
          ...(trustedCa !== undefined ? { trustedCa } : {}),
        },
        (r) =>
          `Added remote ${r.id} "${r.name}" (${r.kind} ${r.baseUrl}, account ${r.accountId}${r.apiUser ? `, user ${r.apiUser}` : ''})` +
          (r.assignedPorts > 0 ? `\nAssigned it ${r.assignedPorts} port(s) made with no remote; they are created there with the next sync` : ''),
      );
    });
  remote
    .command('list')
    .description('list remotes (tokens are never shown)')
    .action(() => run('remotes.list', {}, (list) => (list.length === 0 ? 'No remotes' : list.map(remoteLine).join('\n'))));
  remote
    .command('default <id>')
    .description('make this remote the one new ports go to')
    .action((id: string) => run('remotes.setDefault', { id }, (r) => `New ports now go to remote ${r.id} "${r.name}"`));
  remote
    .command('remove <id>')
    .description('forget a remote (its ports stay, as local ports)')
    .action((id: string) => run('remotes.remove', { id }, (r) => `Removed remote ${r.removed}`));
  remote
    .command('token <id>')
    .description('store a new token for a remote (after it expired)')
    .option('--token-stdin', 'read the token from standard input')
    .option('--token-env <VAR>', 'read the token from this environment variable')
    .action(async (id: string, opts: TokenOptions) => {
      const token = await readToken(opts, deps);
      await run('remotes.setToken', { id, token }, (r) => `New token stored for ${r.name}`);
    });
  remote
    .command('ca <id>')
    .description("trust a private certificate authority for this remote's https server, or stop trusting it")
    .option('--ca-file <file>', 'PEM certificate of the authority (or the self-signed certificate) to trust')
    .option('--clear', 'trust public certificate authorities only')
    .action(async (id: string, opts: { caFile?: string; clear?: boolean }) => {
      if ((opts.caFile === undefined) === !opts.clear) throw new AppError('VALIDATION', 'Say what to trust: --ca-file FILE, or --clear to trust public authorities only');
      const trustedCa = opts.caFile !== undefined ? await readCaFile(opts.caFile) : null;
      await run('remotes.setTrustedCa', { id, trustedCa }, (r) =>
        r.trustedCertificates.length === 0 ? `${r.name} now trusts public certificate authorities only` : `${r.name} now trusts ${r.trustedCertificates.map((c) => `"${c.subject}" (SHA-256 ${c.fingerprint})`).join(', ')}`,
      );
    });

  const sync = program
    .command('sync')
    .description('push local changes and pull remote ones')
    .option('--once', 'sync once and exit (the default)')
    .option('--remote <id>', 'only this remote')
    .option('--confirm-removals', 'let a pull remove most local ports (after checking why)')
    .action(async (opts: { remote?: string; confirmRemovals?: boolean }) => {
      await run(
        'sync.now',
        { ...(opts.remote ? { remoteId: opts.remote } : {}), ...(opts.confirmRemovals ? { confirmRemovals: true } : {}) },
        (r) => [r.message, `pushed ${r.pushed} port(s), pulled ${r.pulled} change(s), ${r.blocked} blocked, ${r.conflicts} conflict(s)`].join('\n'),
        // A script must not read a failed pull or changes left behind as success (the report says why).
        (r) => (r.converged ? 0 : SYNC_NOT_CONVERGED),
      );
    });
  sync
    .command('status')
    .description('show sync status per remote')
    .action(() => run('sync.status', {}, statusText));
  sync
    .command('duplicate <remoteObjectId>')
    .description('a second remote copy of a port (see sync status): cancel it on the server, or dismiss it')
    .option('--remote <id>', 'the remote it is on (required)')
    .option('--cancel', 'cancel it on the server (where its API can)')
    .option('--dismiss', 'only take it off the list')
    .action(async (remoteObjectId: string, opts: { remote?: string; cancel?: boolean; dismiss?: boolean }) => {
      const remoteId = opts.remote;
      if (!remoteId) throw new AppError('VALIDATION', 'Say which remote it is on: --remote ID (see portdesk sync status)');
      if (opts.cancel === opts.dismiss) throw new AppError('VALIDATION', 'Say --cancel or --dismiss');
      const action = opts.cancel ? 'cancel' : 'dismiss';
      await run('sync.settleDuplicate', { remoteId, remoteObjectId, action }, (r) => (r.action === 'cancel' ? `Canceled ${r.remoteObjectId} on the server` : `Dismissed ${r.remoteObjectId}`));
    });
}
