import type { AppErrorShape } from '../../shared/errors';
import type { AcceptedDocument } from './intake';

/** What the attachment inspection worker is given and answers (see inspectWorker.ts). */
export interface InspectRequest {
  id: number;
  bytes: Uint8Array;
  filename: string;
}

export type InspectReply = { id: number } & ({ ok: true; doc: AcceptedDocument } | { ok: false; error: AppErrorShape });
