import { describe, expect, it } from 'vitest';
import { DraftTurns } from '../../../src/renderer/src/documents/viewer/draftTurns';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('DraftTurns', () => {
  it('gives the document to one rewrite at a time; the next gets the document reopened after it', async () => {
    const turns = new DraftTurns<string>();
    turns.ready('v1');
    const first = await turns.take();
    let second: string | null = null;
    void turns.take().then((doc) => (second = doc));
    await tick();
    // The first rewrite is written and the draft reopens: the old document goes, no rewrite may take it.
    turns.gone();
    await tick();
    expect(second).toBeNull();
    turns.ready('v2');
    await tick();
    expect([first, second]).toEqual(['v1', 'v2']);
  });

  it('a rewrite that failed lets the next one take the same document', async () => {
    const turns = new DraftTurns<string>();
    turns.ready('v1');
    await turns.take();
    let next: string | null = null;
    void turns.take().then((doc) => (next = doc));
    turns.release();
    await tick();
    expect(next).toBe('v1');
  });

  it('waits for the first mount', async () => {
    const turns = new DraftTurns<string>();
    let taken: string | null = null;
    void turns.take().then((doc) => (taken = doc));
    await tick();
    expect(taken).toBeNull();
    turns.ready('v1');
    await tick();
    expect(taken).toBe('v1');
  });
});
