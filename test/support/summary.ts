import { EMPTY_PORT_FIELDS, type PortState, type PortSummary } from '../../src/shared/model';

/** A port summary for pure tests: every field empty unless `patch` sets it. */
export function summary(id: string, state: PortState, patch: Partial<PortSummary> = {}): PortSummary {
  return {
    ...EMPTY_PORT_FIELDS,
    name: id,
    id,
    state,
    remoteId: null,
    remoteObjectId: null,
    remoteAccountId: '',
    remoteName: null,
    remoteAccountName: null,
    numberCount: 1,
    firstNumber: '+12025550100',
    attachmentCount: 0,
    hasLoa: false,
    hasSignedLoa: false,
    hasBill: false,
    commentCount: 0,
    tags: [],
    syncStatus: 'local',
    syncError: null,
    stateReason: null,
    remoteStatus: null,
    remoteStatusDetail: null,
    remoteAuthority: null,
    keptLocal: false,
    stateEnteredAt: 0,
    remoteChangedAt: null,
    createdAt: 0,
    updatedAt: 0,
    ...patch,
  };
}
