import { create } from 'zustand';
import { messageOf } from '../lib/messageOf';
import type { PortFieldsPatch } from '../../../shared/model';
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


/** A port an action (or its undo) left alone, and why. */
export interface Skipped {
  id: string;
  name: string;
  reason: string;
}

/**
 * One undoable step: an edit (inline, Set field, paste), a move (drag or bulk) or a tag change,
 * kept so Ctrl+Z or the toast's Undo can take it back. `revert` sends the undo as one action and
 * answers the ports it could not change back.
 */
export interface UndoStep {
  message: string;
  revert(): Promise<Skipped[]>;
}

/** Steps kept for undo, oldest dropped first. */
const MAX_UNDO = 50;

export interface EditState {
  /** Edits that can be undone, newest last. */
  undoStack: UndoStep[];
  /** What the undo toast says (null: hidden). Undo stays on Ctrl+Z while the toast is hidden. */
  toast: string | null;
  busy: boolean;
  /** Apply edits as one step; resolves with the skipped ports (named in a toast), or throws the refusal. */
  apply(edits: Edit[], what: string): Promise<Skipped[]>;
  /** Keep an action done elsewhere (a move, a tag change) as the newest step, and say so in the toast. */
  record(step: UndoStep): void;
  /** Undo the newest step; the toast then names the one a further undo would take back. */
  undo(): Promise<void>;
  dismiss(): void;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Name each skipped port and why in one toast, as every bulk action does (the first five, then a count). */
export function reportSkipped(skipped: readonly Skipped[], what = 'Skipped'): void {
  if (skipped.length === 0) return;
  const names = skipped.slice(0, 5).map((s) => `“${s.name || s.id}” ${s.reason}`);
  useNoticeStore.getState().toast('info', `${what} ${plural(skipped.length, 'port')}: ${names.join('; ')}${skipped.length > 5 ? `; and ${skipped.length - 5} more` : ''}`);
}

export const useEditStore = create<EditState>()((set, get) => ({
  undoStack: [],
  toast: null,
  busy: false,
  apply: async (edits, what) => {
    set({ busy: true });
    try {
      const result = await rpc.call('ports.bulkUpdate', { edits });
      const skipped = result.skipped;
      if (result.updated.length > 0) {
        const before = result.before;
        get().record({ message: `${what} on ${plural(result.updated.length, 'port')}`, revert: async () => (await rpc.call('ports.bulkUpdate', { edits: before })).skipped });
      }
      reportSkipped(skipped);
      useNoticeStore.getState().announce(`${what}: ${plural(result.updated.length, 'port')} changed`);
      return skipped;
    } finally {
      set({ busy: false });
    }
  },
  record: (step) => set({ undoStack: [...get().undoStack, step].slice(-MAX_UNDO), toast: step.message }),
  undo: async () => {
    const stack = get().undoStack;
    const step = stack.at(-1);
    if (!step || get().busy) return;
    const rest = stack.slice(0, -1);
    set({ busy: true, undoStack: rest });
    try {
      const skipped = await step.revert();
      const partly = skipped.length ? ` (${plural(skipped.length, 'port')} could not be changed back)` : '';
      const next = rest.at(-1);
      set({ toast: `Undone: ${step.message}${partly}${next ? `. Ctrl+Z again undoes: ${next.message}` : ''}` });
      useNoticeStore.getState().announce(`Undone: ${step.message}`);
      reportSkipped(skipped, 'Not undone on');
    } catch (err) {
      // Nothing was written (one transaction): the step stays undoable.
      set({ undoStack: [...get().undoStack, step] });
      useNoticeStore.getState().toast('error', messageOf(err));
    } finally {
      set({ busy: false });
    }
  },
  dismiss: () => set({ toast: null }),
}));

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** Ctrl+Z (Cmd+Z) undoes the newest step, again and again, unless a text field is taking the keystroke. */
export function startUndoShortcut(): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.key.toLowerCase() !== 'z' || isTyping(e.target)) return;
    if (useEditStore.getState().undoStack.length === 0) return;
    e.preventDefault();
    void useEditStore.getState().undo();
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
