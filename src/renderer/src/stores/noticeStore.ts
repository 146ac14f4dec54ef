import { create } from 'zustand';

export type ToastTone = 'info' | 'success' | 'error';

export interface Toast {
  id: number;
  tone: ToastTone;
  message: string;
}

/** A question the user must answer after a refused action (e.g. "Submit anyway"). */
export interface Prompt {
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm(): void;
}

/** Toasts, the blocking prompt and the screen-reader announcement. */
export interface NoticeState {
  toasts: Toast[];
  prompt: Prompt | null;
  announcement: string;
  toast(tone: ToastTone, message: string): void;
  dismiss(id: number): void;
  ask(prompt: Prompt | null): void;
  announce(text: string): void;
}

let nextId = 1;

export const useNoticeStore = create<NoticeState>()((set) => ({
  toasts: [],
  prompt: null,
  announcement: '',
  toast: (tone, message) => {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts.slice(-3), { id, tone, message }] }));
    // Errors carry the server's words; leave them up long enough to read.
    setTimeout(() => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })), tone === 'error' ? 12_000 : 4_000);
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  ask: (prompt) => set({ prompt }),
  // The same text twice in a row would not be re-read by screen readers; a zero-width suffix changes it.
  announce: (text) => set((s) => ({ announcement: s.announcement === text ? `${text}\u200b` : text })),
}));
