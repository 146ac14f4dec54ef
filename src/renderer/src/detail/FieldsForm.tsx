import { useEffect, useMemo, useRef, useState } from 'react';
import { AppError } from '../../../shared/errors';
import type { PortDetail, PortFields, PortFieldsPatch } from '../../../shared/model';
import { fieldProblems } from '../../../shared/domain/fieldProblems';
import { isEditable } from '../../../shared/domain/states';
import { countryOfNumber } from '../../../shared/domain/numbers';
import { addressLine, hasSplitParts } from '../../../shared/domain/address';
import { rpc } from '../rpc/transport';
import { useNoticeStore } from '../stores/noticeStore';
import { FIELD_GROUPS, type TextField } from './fieldDefs';
import { FormError } from '../ui/FormError';
import { useDraftStore } from './draftStore';

type Draft = Record<TextField, string> & { notificationEmails: string };

function draftOf(p: PortDetail): Draft {
  const d = {} as Record<TextField, string>;
  for (const g of FIELD_GROUPS) for (const f of g.fields) d[f.key] = p[f.key];
  return { ...d, notificationEmails: p.notificationEmails.join(', ') };
}

/** The saved values with the port's kept draft (unsaved edits from an earlier visit) on top. */
function restoredDraft(p: PortDetail): Draft {
  const kept = useDraftStore.getState().drafts[p.id] ?? {};
  const draft = draftOf(p);
  for (const k of Object.keys(draft) as (keyof Draft)[]) if (typeof kept[k] === 'string') draft[k] = kept[k];
  return draft;
}

function fieldsOf(d: Draft): PortFields {
  const emails = d.notificationEmails.split(/[\s,;]+/).filter(Boolean);
  return { ...d, notificationEmails: emails };
}

/**
 * Every editable field, validated client-side with the shared zod schema as the user types;
 * the service's own refusals (LOCKED, VALIDATION) are shown verbatim above the form.
 */
export function FieldsForm({ port, onSaved }: { port: PortDetail; onSaved(port: PortDetail): void }) {
  const [draft, setDraft] = useState<Draft>(() => restoredDraft(port));
  const [base, setBase] = useState(port);
  const [serverError, setServerError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const toast = useNoticeStore((s) => s.toast);

  // A change from elsewhere (CLI, another window) refreshes untouched fields.
  if (base !== port) {
    const before = draftOf(base);
    const after = draftOf(port);
    const merged = { ...draft };
    for (const k of Object.keys(after) as (keyof Draft)[]) if (draft[k] === before[k]) merged[k] = after[k];
    setBase(port);
    setDraft(merged);
  }

  const errors = useMemo(() => fieldProblems(fieldsOf(draft)), [draft]);
  const saved = draftOf(port);
  const dirtyKeys = (Object.keys(draft) as (keyof Draft)[]).filter((k) => draft[k] !== saved[k]);
  const editable = isEditable(port.state);
  const numberCountry = port.firstNumber ? countryOfNumber(port.firstNumber) : null;
  const invalid = Object.keys(errors).length > 0;
  const keepDraft = useDraftStore((s) => s.keep);
  const edits = Object.fromEntries(dirtyKeys.map((k) => [k, draft[k]]));
  const editsKey = JSON.stringify(edits);

  // Unsaved edits outlive the panel: closing it (Escape, another card) keeps them for next time.
  useEffect(() => {
    keepDraft(port.id, JSON.parse(editsKey) as Record<string, string>);
  }, [keepDraft, port.id, editsKey]);

  // Discard and Save disable themselves (nothing left to save, or saving): the button that had
  // focus would drop it to the page, out of the panel's reach (Escape no longer closed it). It goes
  // to the line beside them that says where the edits stand.
  const status = useRef<HTMLSpanElement>(null);
  const keepFocus = () => {
    if (document.activeElement instanceof HTMLButtonElement && document.activeElement.closest('.form-actions')) status.current?.focus();
  };

  const save = async () => {
    if (invalid || dirtyKeys.length === 0) return;
    keepFocus();
    const all = fieldsOf(draft);
    const patch: PortFieldsPatch = Object.fromEntries(dirtyKeys.map((k) => [k, all[k]]));
    setSaving(true);
    setServerError(null);
    try {
      const next = await rpc.call('ports.update', { id: port.id, patch });
      // The service may store a value as carriers want it ("Illinois" → "IL"): show what was stored.
      const stored = draftOf(next);
      const sent = draft;
      setDraft((d) => {
        const merged = { ...d };
        for (const k of dirtyKeys) if (d[k] === sent[k]) merged[k] = stored[k];
        return merged;
      });
      onSaved(next);
      toast('success', 'Changes saved');
    } catch (err) {
      setServerError(err instanceof AppError || err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  const set = (key: keyof Draft, value: string) => setDraft((d) => ({ ...d, [key]: value }));

  return (
    <form
      className="fields-form"
      aria-label="Port fields"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {!editable && (
        <p className="note">
          {`This port is ${port.state}: the remote refuses edits once a port is submitted, so fields can be changed only while unconfirmed or rejected.`}
        </p>
      )}
      <FormError message={serverError} />
      {FIELD_GROUPS.map((group) => (
        <fieldset key={group.title} className="field-group" disabled={!editable}>
          <legend>{group.title}</legend>
          <div className="field-grid">
            {group.fields.map((f) => {
              const error = errors[f.key];
              const errorId = `err-${f.key}`;
              return (
                <label key={f.key} className={`field${f.wide ? ' field-wide' : ''}`}>
                  <span className="field-label">{f.label}</span>
                  <input
                    id={`field-${f.key}`}
                    className="input"
                    type={f.type ?? 'text'}
                    value={draft[f.key]}
                    placeholder={f.placeholder}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? errorId : undefined}
                    onChange={(e) => set(f.key, e.target.value)}
                  />
                  {error && (
                    <span id={errorId} className="field-error">
                      {error}
                    </span>
                  )}
                  {f.key === 'extendedAddress' && hasSplitParts(draft) && <span className="field-hint">{`On the LOA: ${addressLine(draft)}`}</span>}
                  {f.key === 'country' && draft.country.trim() === '' && numberCountry && (
                    <span className="field-hint">{`Empty: the numbers' country (${numberCountry}) is used`}</span>
                  )}
                </label>
              );
            })}
          </div>
        </fieldset>
      ))}
      <fieldset className="field-group" disabled={!editable}>
        <legend>Notifications</legend>
        <label className="field field-wide">
          <span className="field-label">Notification e-mails</span>
          <input
            className="input"
            value={draft.notificationEmails}
            placeholder="ops@example.com, porting@example.com"
            aria-invalid={errors.notificationEmails ? true : undefined}
            aria-describedby={errors.notificationEmails ? 'err-emails' : undefined}
            onChange={(e) => set('notificationEmails', e.target.value)}
          />
          {errors.notificationEmails && (
            <span id="err-emails" className="field-error">
              {errors.notificationEmails}
            </span>
          )}
        </label>
      </fieldset>
      {editable && (
        <div className="form-actions">
          <span ref={status} tabIndex={-1} className="muted">{dirtyKeys.length > 0 ? `${dirtyKeys.length} unsaved ${dirtyKeys.length === 1 ? 'change' : 'changes'} (kept as a draft)` : 'All changes saved'}</span>
          <button
            type="button"
            className="btn"
            disabled={dirtyKeys.length === 0 || saving}
            onClick={() => {
              keepFocus();
              setDraft(draftOf(port));
            }}
          >
            Discard
          </button>
          <button type="submit" className="btn btn-primary" disabled={dirtyKeys.length === 0 || invalid || saving}>
            Save changes
          </button>
        </div>
      )}
    </form>
  );
}
