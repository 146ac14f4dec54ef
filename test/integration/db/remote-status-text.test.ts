import { describe, expect, it } from 'vitest';
import { testContext } from '../../support/context';

describe("the remote's status words as stored", () => {
  it('are cleaned whoever writes them (pull or push): escapes, controls and bidi overrides go, the detail keeps its lines', () => {
    const { ports, repos } = testContext();
    const port = ports.create({ fields: { name: 'Status' } });
    repos.ports.setRemoteStatus(port.id, { remoteStatus: '\u001b[31mexception\u001b[0m\u202E', remoteStatusDetail: 'Account number\u0000 does not match\r\n\u2066the CSR\u2069\u001b]0;pwned\u0007' });
    expect(ports.get(port.id)).toMatchObject({ remoteStatus: 'exception', remoteStatusDetail: 'Account number does not match\nthe CSR' });
    // Nothing visible is no status at all; a detail of nothing visible is none.
    repos.ports.setRemoteStatus(port.id, { remoteStatus: '\u200b\u202e', remoteStatusDetail: '\u0000' });
    expect(ports.get(port.id)).toMatchObject({ remoteStatus: null, remoteStatusDetail: null });
    // A family without status words leaves them alone.
    repos.ports.setRemoteStatus(port.id, { remoteStatus: 'in-process' });
    repos.ports.setRemoteStatus(port.id, {});
    expect(ports.get(port.id)).toMatchObject({ remoteStatus: 'in-process', remoteStatusDetail: null });
  });

  it('an answer that does not know the explanation (a Telnyx listing) keeps it while the status words stay, drops it when they change', () => {
    const { ports, repos } = testContext();
    const port = ports.create({ fields: { name: 'Exception' } });
    repos.ports.setRemoteStatus(port.id, { remoteStatus: 'exception, submitted', remoteStatusDetail: 'PIN does not match' });
    repos.ports.setRemoteStatus(port.id, { remoteStatus: 'exception, submitted' });
    expect(ports.get(port.id)).toMatchObject({ remoteStatus: 'exception, submitted', remoteStatusDetail: 'PIN does not match' });
    repos.ports.setRemoteStatus(port.id, { remoteStatus: 'in-process, submitted' });
    expect(ports.get(port.id)).toMatchObject({ remoteStatus: 'in-process, submitted', remoteStatusDetail: null });
    // A single request read says when there is no explanation.
    repos.ports.setRemoteStatus(port.id, { remoteStatus: 'exception', remoteStatusDetail: 'Wrong BTN' });
    repos.ports.setRemoteStatus(port.id, { remoteStatus: 'exception', remoteStatusDetail: '' });
    expect(ports.get(port.id).remoteStatusDetail).toBeNull();
  });
});
