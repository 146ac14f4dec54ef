import { create } from 'zustand';
import { messageOf } from '../lib/messageOf';
import { PortFieldsSchema, type PortFieldsPatch } from '../../../shared/model';
import { FIELD_GROUPS, type FieldDef, type TextField } from '../detail/fieldDefs';
import { rpc } from '../rpc/transport';
import { useNoticeStore } from '../stores/noticeStore';

export type Edit = { id: string; patch: PortFieldsPatch };

/** Every text field the detail form edits, in its order, with its label. */
export const EDITABLE_FIELDS: FieldDef[] = FIELD_GROUPS.flatMap((g) => g.fields);
const LABELS = new Map(EDITABLE_FIELDS.map((f) => [f.key, f.label]));

export function fieldLabel(key: TextField): string {
  return LABELS.get(key) ?? key;
}

/** The detail form's check of one value (the shared schema), as the message a cell shows; null when fine. */
export function fieldError(key: TextField, value: string): string | null {
  const result = PortFieldsSchema.shape[key].safeParse(value);
  return result.success ? null : `${fieldLabel(key)} ${result.error.issues[0]?.message ?? 'is not valid'}`;
}

/** The last bulk edit, kept so it can be undone (Ctrl+Z or the toast's Undo). */
export interface LastEdit {
  message: string;
  before: Edit[];
}

export interface EditState {
  last: LastEdit | null;
  busy: boolean;
  /** Apply edits as one step; resolves with the skipped ports (named in a toast), or throws the refusal. */
  apply(edits: Edit[], what: string): Promise<{ id: string; name: string; reason: string }[]>;
  undo(): Promise<void>;
  dismiss(): void;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export const useEditStore = create<EditState>()((set, get) => ({
  last: null,
  busy: false,
  apply: async (edits, what) => {
    set({ busy: true });
    try {
      const result = await rpc.call('ports.bulkUpdate', { edits });
      const skipped = result.skipped;
      if (result.updated.length > 0) {
        set({ last: { message: `${what} on ${plural(result.updated.length, 'port')}`, before: result.before } });
      }
      if (skipped.length > 0) {
        const names = skipped.slice(0, 5).map((s) => `“${s.name || s.id}” ${s.reason}`);
        useNoticeStore.getState().toast('info', `Skipped ${plural(skipped.length, 'port')}: ${names.join('; ')}${skipped.length > 5 ? `; and ${skipped.length - 5} more` : ''}`);
      }
      useNoticeStore.getState().announce(`${what}: ${plural(result.updated.length, 'port')} changed`);
      return skipped;
    } finally {
      set({ busy: false });
    }
  },
  undo: async () => {
    const last = get().last;
    if (!last || get().busy) return;
    set({ busy: true, last: null });
    try {
      const result = await rpc.call('ports.bulkUpdate', { edits: last.before });
      useNoticeStore.getState().toast('success', `Undone: ${last.message}${result.skipped.length ? ` (${plural(result.skipped.length, 'port')} could not be changed back)` : ''}`);
    } catch (err) {
      useNoticeStore.getState().toast('error', messageOf(err));
    } finally {
      set({ busy: false });
    }
  },
  dismiss: () => set({ last: null }),
}));

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** Ctrl+Z (Cmd+Z) undoes the last bulk edit, unless a text field is taking the keystroke. */
export function startUndoShortcut(): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.key.toLowerCase() !== 'z' || isTyping(e.target)) return;
    if (!useEditStore.getState().last) return;
    e.preventDefault();
    void useEditStore.getState().undo();
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
