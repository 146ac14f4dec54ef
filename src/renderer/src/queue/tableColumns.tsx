import type { ReactNode } from 'react';
import type { PortSummary } from '../../../shared/model';
import { stateLabel } from '../../../shared/domain/states';
import { daysInState, isAgeing, type AgeingThresholds } from '../../../shared/domain/ageing';
import type { ColumnId } from '../../../shared/domain/views';
import { accountOf, remoteAccountTitle } from '../../../shared/domain/portFacts';
import type { TextField } from '../detail/fieldDefs';
import { daysLabel, daysUntil, dueDate, shortDate } from '../board/cardFacts';
import { SyncBadge } from '../board/SyncBadge';
import { timeAgo } from '../lib/relativeTime';

export interface CellContext {
  now: number;
  today: Date;
  thresholds: AgeingThresholds;
}

export interface TableColumn {
  id: ColumnId;
  label: string;
  /** The port field an inline edit of this cell changes (none: read-only). */
  edit?: TextField;
  align?: 'end';
  render(p: PortSummary, ctx: CellContext): ReactNode;
  /** Plain text for the cell's tooltip, worked out when the pointer enters the cell (the table's body sets it). */
  title?(p: PortSummary, ctx: CellContext): string | undefined;
}

// One formatter each: toLocale*String builds a new Intl formatter per call, ~40 per scrolled frame.
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const momentFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const syncText: Record<PortSummary['syncStatus'], string> = { local: 'Local only', pending: 'Pending', synced: 'Synced', conflict: 'Conflict', error: 'Sync error' };

/** Days in the current state, flagged past the state's threshold. */
export function AgeCell({ port, ctx }: { port: PortSummary; ctx: CellContext }) {
  const days = daysInState(port.stateEnteredAt, ctx.now);
  const ageing = isAgeing(port, ctx.thresholds, ctx.now);
  return (
    <span className={`age tabular${ageing ? ' is-ageing' : ''}`} title={ageingTitle(port, ctx)}>
      {`${days}d`}
      {ageing && <span className="visually-hidden"> (ageing)</span>}
    </span>
  );
}

export function ageingTitle(port: PortSummary, ctx: CellContext): string {
  const days = daysInState(port.stateEnteredAt, ctx.now);
  const limit = ctx.thresholds[port.state];
  const base = `${stateLabel(port.state)} for ${days} ${days === 1 ? 'day' : 'days'} (since ${dayFormat.format(port.stateEnteredAt)})`;
  return limit !== undefined && days > limit ? `${base}: over the ${limit}-day limit for ${stateLabel(port.state)}` : base;
}

export const TABLE_COLUMN_DEFS: Record<ColumnId, TableColumn> = {
  name: { id: 'name', label: 'Name', edit: 'name', render: (p) => p.name, title: (p) => p.name },
  account: {
    id: 'account',
    label: 'Account',
    edit: 'accountName',
    render: (p) => (
      <>
        {accountOf(p) || <span className="muted">—</span>}
        {p.remoteAccountName && p.remoteAccountName !== accountOf(p) && <span className="muted"> · {p.remoteAccountName}</span>}
      </>
    ),
    title: (p) => [accountOf(p), remoteAccountTitle(p)].filter(Boolean).join(' · '),
  },
  state: {
    id: 'state',
    label: 'State',
    render: (p) => (
      <>
        <span className="state-dot" style={{ ['--dot' as string]: `var(--state-${p.state})` }} />
        {stateLabel(p.state)}
      </>
    ),
    title: (p) => (p.stateReason ? `${stateLabel(p.state)}: ${p.stateReason}` : undefined),
  },
  remoteStatus: { id: 'remoteStatus', label: 'Remote status', render: (p) => p.remoteStatus ?? '', title: (p) => p.remoteStatusDetail ?? p.remoteStatus ?? undefined },
  losingCarrier: { id: 'losingCarrier', label: 'Losing carrier', edit: 'losingCarrier', render: (p) => p.losingCarrier || <span className="muted">—</span>, title: (p) => p.losingCarrier },
  numbers: { id: 'numbers', label: 'Numbers', align: 'end', render: (p) => p.numberCount },
  due: {
    id: 'due',
    label: 'FOC / transfer',
    edit: 'focDate',
    render: (p, ctx) => {
      const due = dueDate(p);
      if (!due) return <span className="muted">—</span>;
      const days = daysUntil(due.date, ctx.today);
      const tone = p.state === 'completed' || p.state === 'canceled' ? '' : days < 0 ? ' due-past' : days <= 3 ? ' due-soon' : '';
      return <span className={`tabular${tone}`}>{`${due.kind === 'FOC' ? '' : 'Req. '}${shortDate(due.date)} · ${daysLabel(days)}`}</span>;
    },
    title: (p) => {
      const due = dueDate(p);
      return due ? `${due.kind} date ${due.date}` : undefined;
    },
  },
  daysInState: { id: 'daysInState', label: 'In state', align: 'end', render: (p, ctx) => <AgeCell port={p} ctx={ctx} /> },
  remoteChanged: { id: 'remoteChanged', label: 'Remote change', render: (p, ctx) => (p.remoteChangedAt ? timeAgo(p.remoteChangedAt, ctx.now) : <span className="muted">—</span>), title: (p) => (p.remoteChangedAt ? momentFormat.format(p.remoteChangedAt) : undefined) },
  sync: {
    id: 'sync',
    label: 'Sync',
    render: (p) => (p.syncStatus === 'local' || p.syncStatus === 'synced' ? <span className="muted">{syncText[p.syncStatus]}</span> : <SyncBadge status={p.syncStatus} error={p.syncError} portId={p.id} tabIndex={-1} />),
  },
  tags: {
    id: 'tags',
    label: 'Tags',
    render: (p) =>
      p.tags.map((t) => (
        <span key={t} className="tag-chip">
          {t}
        </span>
      )),
    title: (p) => p.tags.join(', ') || undefined,
  },
  reference: { id: 'reference', label: 'Reference', edit: 'referenceNumber', render: (p) => p.referenceNumber || p.customerReference, title: (p) => [p.referenceNumber, p.customerReference].filter(Boolean).join(' · ') || undefined },
};
