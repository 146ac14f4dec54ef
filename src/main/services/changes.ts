import type { ChangeEvent } from '../../shared/rpc/events';

export type ChangeListener = (event: ChangeEvent) => void;

/**
 * Change events, emitted only after the transaction that made the change has committed, so a
 * view that refetches on an event always sees the new data.
 */
export class ChangeBus {
  private readonly listeners = new Set<ChangeListener>();

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ChangeEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
