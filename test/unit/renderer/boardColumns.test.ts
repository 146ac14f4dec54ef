import { describe, expect, it } from 'vitest';
import type { PortSummary } from '../../../src/shared/model';
import { buildColumns, type BoardFilter } from '../../../src/renderer/src/board/boardColumns';
import { EMPTY_FILTER, toPortFilter } from '../../../src/shared/domain/portFilter';
import { BOARD_SORT, sortPorts } from '../../../src/shared/domain/views';
import { remoteAccountLabel } from '../../../src/shared/domain/portFacts';
import { READY_FIELDS } from '../../support/port-fields';
import { summary } from '../../support/summary';

const NOW = new Date(2026, 10, 25);

const port = summary;

const NONE: BoardFilter = toPortFilter(EMPTY_FILTER);
const ids = (ports: PortSummary[]) => ports.map((p) => p.id);

const ready = port('ready', 'unconfirmed', { ...READY_FIELDS, hasLoa: true, hasSignedLoa: true, hasBill: true });
const noLoa = port('no-loa', 'unconfirmed', { ...READY_FIELDS, hasBill: true });
const noNumbers = port('no-numbers', 'unconfirmed', { ...READY_FIELDS, hasLoa: true, hasSignedLoa: true, hasBill: true, numberCount: 0 });
const submitted = port('submitted', 'submitted', { ...READY_FIELDS, hasLoa: true, hasSignedLoa: true, hasBill: true, focDate: '2026-11-20' });
const rejected = port('rejected', 'rejected', { ...READY_FIELDS, hasLoa: true, hasSignedLoa: true, hasBill: true, tags: ['Q4'], losingCarrier: 'Lumen' });
const all = sortPorts([ready, noLoa, noNumbers, submitted, rejected], BOARD_SORT);

describe('buildColumns', () => {
  it('puts every port in its state column when nothing filters', () => {
    const cols = buildColumns(all, NONE, NOW);
    expect(ids(cols.unconfirmed).sort()).toEqual(['no-loa', 'no-numbers', 'ready']);
    expect(ids(cols.submitted)).toEqual(['submitted']);
    expect(ids(cols.rejected)).toEqual(['rejected']);
  });

  it('ready to submit: only drafts that pass every submit check (the review queue)', () => {
    const cols = buildColumns(all, { ...NONE, readyToSubmit: true }, NOW);
    expect(Object.values(cols).flat().map((p) => p.id)).toEqual(['ready']);
  });

  it('needs attention: overdue, rejected and incomplete drafts; combines with text and tags', () => {
    const attention = buildColumns(all, { ...NONE, needsAttention: true }, NOW);
    expect(Object.values(attention).flat().map((p) => p.id).sort()).toEqual(['no-loa', 'no-numbers', 'rejected', 'submitted']);
    expect(Object.values(buildColumns(all, { ...NONE, query: 'LUMEN' }, NOW)).flat().map((p) => p.id)).toEqual(['rejected']);
    expect(Object.values(buildColumns(all, { ...NONE, tag: 'Q4', readyToSubmit: true }, NOW)).flat()).toEqual([]);
  });
});

describe('sub-accounts', () => {
  const named = port('named', 'submitted', { remoteId: 'r1', remoteName: 'Northwind Kazoo', remoteAccountId: 'a'.repeat(32), remoteAccountName: 'Harbor Lights Dental Group' });
  const unnamed = port('unnamed', 'submitted', { remoteId: 'r1', remoteAccountId: '0123456789abcdef0123456789abcdef' });

  it('read as their name, else as not yet named, never an id', () => {
    expect(remoteAccountLabel(named)).toBe('Harbor Lights Dental Group');
    expect(remoteAccountLabel(unnamed)).toBe('account not yet named');
    expect(remoteAccountLabel(port('local', 'unconfirmed'))).toBe('');
  });

  it('are found by name, and the connection by its name rather than its id', () => {
    const both = sortPorts([named, unnamed], BOARD_SORT);
    expect(ids(Object.values(buildColumns(both, { ...NONE, query: 'harbor lights' }, NOW)).flat())).toEqual(['named']);
    expect(ids(Object.values(buildColumns(both, { ...NONE, query: 'northwind' }, NOW)).flat())).toEqual(['named']);
    expect(ids(Object.values(buildColumns(both, { ...NONE, query: 'r1' }, NOW)).flat())).toEqual([]);
  });
});
