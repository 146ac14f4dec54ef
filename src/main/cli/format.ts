import type { PortDetail, PortSummary } from '../../shared/model';
import { formatNumber } from '../../shared/domain/numbers';

/** A plain-text table with padded columns, for terminal output. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function portsTable(ports: PortSummary[]): string {
  if (ports.length === 0) return 'No port requests.';
  return table(
    ['ID', 'STATE', 'NAME', 'NUMBERS', 'LOSING CARRIER', 'SYNC'],
    ports.map((p) => [p.id, p.state, p.name, String(p.numberCount), p.losingCarrier, p.syncStatus]),
  );
}

export function portDetailText(p: PortDetail): string {
  const lines = [
    `${p.name}  (${p.state})`,
    `id: ${p.id}`,
    p.state === 'rejected' && p.stateReason && `rejected by the carrier: ${p.stateReason}`,
    p.losingCarrier && `losing carrier: ${p.losingCarrier}`,
    p.billingName && `billing name: ${p.billingName}`,
    p.accountNumber && `account number: ${p.accountNumber}`,
    p.focDate && `FOC date: ${p.focDate}`,
    `remote: ${p.remoteId ?? (p.keptLocal ? 'none, kept local' : 'none yet (the first remote added takes it)')}`,
    `sync: ${p.syncStatus}${p.syncError ? ` (${p.syncError})` : ''}`,
    `numbers (${p.numbers.length}):`,
    ...p.numbers.map((n) => `  ${n.e164}  ${formatNumber(n.e164)}${n.status ? `  ${n.status}` : ''}`),
    p.comments.length > 0 && `comments (${p.comments.length}):`,
    ...p.comments.map((c) => {
      const flags = [c.isPrivate && 'private', c.actionRequired && 'action required'].filter(Boolean).join(', ');
      return `  ${new Date(c.createdAt).toISOString().slice(0, 16).replace('T', ' ')}  ${c.author || 'unknown'}${flags ? ` [${flags}]` : ''}: ${c.body.replace(/\s+/g, ' ')}`;
    }),
  ];
  return lines.filter((l): l is string => typeof l === 'string' && l !== '').join('\n');
}
