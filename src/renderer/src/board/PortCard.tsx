import { memo, useEffect, useRef, type MouseEvent } from 'react';
import { draggable } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import type { PortSummary } from '../../../shared/model';
import { checksReadiness, daysLabel, daysUntil, dueDate, readiness, shortDate, titleInLane } from './cardFacts';
import { SyncBadge } from './SyncBadge';
import { LocalOnlyBadge } from './LocalOnlyBadge';
import { formatNumber } from '../../../shared/domain/numbers';
import { useFileDrop } from '../documents/useFileDrop';
import { useViewStore } from '../stores/viewStore';
import { holdArrivalsWhilePressed } from '../stores/boardStore';
import { useMatchedNumber } from '../stores/filterStore';
import { AgeCell } from '../queue/tableColumns';

export interface PortCardProps {
  port: PortSummary;
  selected: boolean;
  focused: boolean;
  tabbable: boolean;
  onActivate(port: PortSummary, e: MouseEvent): void;
  onToggle(port: PortSummary): void;
  onOpenMenu(port: PortSummary): void;
  onFocusCard(port: PortSummary): void;
  /** In an account's swimlane, that account: the title shown and the account line leave it out (the card's name and the title's tooltip keep it). */
  laneAccount?: string;
}

/** Payload a dragged card carries; the board's monitor reads it on drop. */
export type CardDragData = Record<string | symbol, unknown> & {
  kind: 'port-card';
  id: string;
};

export function isCardDragData(data: Record<string | symbol, unknown>): data is CardDragData {
  return data.kind === 'port-card' && typeof data.id === 'string';
}

function dueTone(days: number): string {
  if (days < 0) return 'due-past';
  if (days <= 3) return 'due-soon';
  return '';
}

/** Tag chips within the card's fixed height and a narrow column: the first tag, then "+N" (all in the tooltip). */
function CardTags({ tags }: { tags: string[] }) {
  const shown = tags.slice(0, 1);
  return (
    <span className="card-tags" title={`Tags: ${tags.join(', ')}`}>
      <span className="visually-hidden">Tags: </span>
      {shown.map((t) => (
        <span key={t} className="tag-chip">
          {t}
        </span>
      ))}
      {tags.length > shown.length && <span className="tag-chip tag-more">+{tags.length - shown.length}</span>}
    </span>
  );
}

/** An icon and a count ("12 numbers" for screen readers and the tooltip). */
function CardStat({ icon, count, one, many }: { icon: 'phone' | 'paperclip' | 'comment'; count: number; one: string; many: string }) {
  const label = `${count} ${count === 1 ? one : many}`;
  return (
    // The title is also the img's accessible name: one attribute to rewrite when the card is reused.
    <span className={`card-stat tabular mi mi-${icon}`} role="img" title={label}>
      {count}
    </span>
  );
}

/** One port on the board. Memoised: a card re-renders only when its summary object or flags change. */
export const PortCard = memo(function PortCard({ port, selected, focused, tabbable, onActivate, onToggle, onOpenMenu, onFocusCard, laneAccount }: PortCardProps) {
  const ref = useRef<HTMLDivElement>(null);
  // Registered once per element: the board reuses a card for another port when a filter changes
  // what a column shows, so the dragged port is read from the element at drag start.
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    return draggable({ element, getInitialData: (): CardDragData => ({ kind: 'port-card', id: element.dataset.portId ?? '' }) });
  }, []);
  // Files dragged from the desktop attach to this port; card moves (element drags) are unaffected.
  const fileDrop = useFileDrop(port.id);
  const thresholds = useViewStore((s) => s.thresholds);

  const due = dueDate(port);
  const days = due ? daysUntil(due.date) : null;
  const problems = checksReadiness(port) ? readiness(port) : [];
  // What tells look-alike ports apart ("Maple Street Bakery – 2 numbers" three times): the first
  // number (the account name often repeats the title), the account and the customer's reference; the title shows all of it.
  // The remote sub-account the port lives in (a reseller's customer) comes next, once a pull has named it.
  const subAccount = port.remoteAccountName ?? '';
  const customer = port.accountName || port.billingName;
  // A number search shows the number that matched in the first number's place.
  const matched = useMatchedNumber(port.id);
  const lead = matched ?? port.firstNumber;
  // In an account's lane the lane names the account: left out here too, as from the title.
  const rest = [subAccount !== laneAccount && subAccount, customer !== subAccount && customer !== laneAccount && customer, port.accountNumber, port.customerReference]
    .filter(Boolean)
    .join(' · ');
  const account = [lead && formatNumber(lead), rest].filter(Boolean).join(' · ');

  return (
    <div
      ref={ref}
      className={`card${selected ? ' is-selected' : ''}${focused ? ' is-focused' : ''}${fileDrop.over ? ' is-file-over' : ''}`}
      {...fileDrop.handlers}
      role="group"
      aria-roledescription="port card"
      aria-label={port.name}
      data-port-id={port.id}
      tabIndex={tabbable ? 0 : -1}
      onFocus={(e) => {
        if (e.target === e.currentTarget) onFocusCard(port);
      }}
      onPointerDown={(e) => {
        if (e.button === 0) holdArrivalsWhilePressed();
      }}
      onClick={(e) => onActivate(port, e)}
    >
      <div className="card-row card-head">
        <input
          type="checkbox"
          className="card-check"
          aria-label={`Select ${port.name}`}
          checked={selected}
          tabIndex={-1}
          onClick={(e) => e.stopPropagation()}
          onChange={() => onToggle(port)}
        />
        {/* The accessible name is the card's (its whole title): screen readers and searches by name find it. */}
        <span className="card-title" title={port.name} aria-hidden={laneAccount ? true : undefined}>
          {laneAccount ? titleInLane(port.name, laneAccount) : port.name}
        </span>
        <SyncBadge status={port.syncStatus} error={port.syncError} portId={port.id} tabIndex={-1} />
        <button
          type="button"
          className="btn btn-ghost btn-icon card-menu-btn mi mi-more"
          aria-label={`Move ${port.name} to…`}
          aria-haspopup="menu"
          tabIndex={-1}
          onClick={(e) => {
            e.stopPropagation();
            onOpenMenu(port);
          }}
        />
      </div>
      <div className="card-row card-sub">
        {/* The number is what a specialist reads a card by: it keeps every digit, the rest shortens. */}
        <span className="card-account" title={matched ? `Matches ${formatNumber(matched)}\n${account}` : account}>
          {matched ? (
            <mark className="card-lead card-match">
              <span className="visually-hidden">Matches </span>
              {formatNumber(matched)}
            </mark>
          ) : (
            lead && <span className="card-lead">{formatNumber(lead)}</span>
          )}
          {rest ? <span className="card-rest">{lead ? `· ${rest}` : rest}</span> : !lead && <span className="muted card-rest">No account details</span>}
        </span>
        {port.remoteStatus && (
          <span className="card-remote-status mono" title={`Status on the remote: ${port.remoteStatus}${port.remoteStatusDetail ? `\n${port.remoteStatusDetail}` : ''}`}>
            {port.remoteStatus}
          </span>
        )}
        {port.remoteId === null && <LocalOnlyBadge keptLocal={port.keptLocal} />}
        {port.tags.length > 0 && <CardTags tags={port.tags} />}
      </div>
      <div className="card-row card-meta">
        <span className="card-carrier" title={port.losingCarrier ? `Losing carrier: ${port.losingCarrier}` : undefined}>
          {port.losingCarrier || <span className="muted">Carrier not set</span>}
        </span>
        <span className="card-icons">
          {problems.length > 0 && (
            <span className="card-warn mi mi-warning" role="img" aria-label="Not ready to submit" title={`Not ready to submit:\n${problems.map((p) => p.message).join('\n')}`} />
          )}
          <CardStat icon="phone" count={port.numberCount} one="number" many="numbers" />
          <CardStat icon="paperclip" count={port.attachmentCount} one="attachment" many="attachments" />
          <CardStat icon="comment" count={port.commentCount} one="comment" many="comments" />
        </span>
      </div>
      <div className="card-row card-foot">
        {port.state === 'rejected' && port.stateReason ? (
          <span className="card-due card-reason mi mi-close" title={`Rejected by the carrier: ${port.stateReason}`}>
            {port.stateReason}
          </span>
        ) : due && days !== null ? (
          // "Req." as in the table: "Transfer" did not fit a 1280 px window's card with its days.
          <span className={`card-due tabular mi mi-calendar ${dueTone(days)}`} title={`${due.kind === 'FOC' ? 'FOC' : 'Requested transfer'} date ${due.date} (${daysLabel(days)})`}>
            {`${due.kind === 'FOC' ? 'FOC' : 'Req.'} ${shortDate(due.date)} · ${daysLabel(days)}`}
          </span>
        ) : (
          <span className="card-due muted">No date</span>
        )}
        <AgeCell port={port} ctx={{ now: Date.now(), today: new Date(), thresholds }} />
      </div>
    </div>
  );
});
