import type { PortFields } from '../../shared/model';
import { AppError } from '../../shared/errors';
import { generateLoa, kazooFilename, warmInspection } from '../documents';
import type { Repos } from '../db/repos';
import { PORT_FIELD_KEYS } from '../db/repos/port-columns';
import type { AttachmentInfo, DocumentsService } from './documents-service';
import type { Clock } from './ports-service';

export interface LoaResult {
  bytes: Uint8Array;
  /** The attachment the LOA was stored as; null for drafts, which are never attached. */
  attachment: AttachmentInfo | null;
  /** Characters of the port's data the LOA fonts cannot draw (printed as "?"); empty for the carrier's LOA. */
  unprintable: string[];
}

/**
 * Letters of Authorization generated from a port's own fields and numbers. A complete LOA is
 * attached as kind `loa` (replacing, as a new version, the one generated before); a draft may lack
 * fields, is watermarked DRAFT and is only returned: attached, it would count as "LOA attached".
 */
export class LoaService {
  constructor(
    private readonly repos: Repos,
    private readonly documents: DocumentsService,
    /** The remote's own LOA for a port (the sync engine asks the port's remote). */
    private readonly remoteLoa: (portId: string) => Promise<Uint8Array>,
    private readonly clock: Clock = { now: () => Date.now() },
  ) {}

  /** Generate the LOA; AppError('VALIDATION') naming every missing field unless `draft`. */
  async generate(portId: string, options: { draft?: boolean | undefined; attach?: boolean | undefined } = {}): Promise<LoaResult> {
    const port = this.repos.ports.get(portId);
    if (!port) throw new AppError('NOT_FOUND', `No port request with id ${portId}`, { id: portId });
    const fields = Object.fromEntries(PORT_FIELD_KEYS.map((k) => [k, port[k]])) as PortFields;
    const numbers = this.repos.numbers.list(portId).map((n) => n.e164);
    const draft = options.draft === true;
    // The letter will be inspected once generated: the inspection worker starts meanwhile.
    if (!draft && options.attach !== false) warmInspection();
    const { bytes, unprintable } = await generateLoa({ fields, numbers, generatedAt: new Date(this.clock.now()), draft });
    if (draft || options.attach === false) return { bytes, attachment: null, unprintable };
    // Nobody has signed a letter PortDesk just printed: readiness asks for the signature.
    return { bytes, attachment: await this.attach(portId, `LOA - ${port.name}`, bytes, true), unprintable };
  }

  /**
   * Fetch the remote's own LOA (Kazoo builds it from the request) and attach it as kind `loa`,
   * beside PortDesk's: the specialist chooses which one the customer signs.
   */
  async fromRemote(portId: string): Promise<LoaResult> {
    const port = this.repos.ports.get(portId);
    if (!port) throw new AppError('NOT_FOUND', `No port request with id ${portId}`, { id: portId });
    warmInspection();
    const bytes = await this.remoteLoa(portId);
    return { bytes, attachment: await this.attach(portId, `LOA from carrier - ${port.name}`, bytes, true), unprintable: [] };
  }

  /** The generated LOA is one attachment per port: regenerating adds a version, not a second file. */
  private async attach(portId: string, title: string, bytes: Uint8Array, unsigned: boolean): Promise<AttachmentInfo> {
    const name = kazooFilename(title);
    const existing = this.repos.attachments.rows(portId).find((a) => a.name === name && a.kind === 'loa');
    if (existing) return this.documents.replace(existing.id, bytes, name, { unsigned });
    return this.documents.add({ portId, filename: name, bytes, kind: 'loa', unsigned });
  }
}
