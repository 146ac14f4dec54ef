import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { RemoteConfig } from '../remotes/config';
import { readTelnyxError, telnyxAuthHeaders } from '../sync/adapters/telnyx';
import { requestJson } from '../sync/http';
import { RemoteError } from '../sync/errors';

/** Numbers per portability request: small enough for a quick answer, few enough round trips. */
export const PORTABILITY_BATCH = 250;

export interface PortabilityVerdict {
  e164: string;
  portable: boolean;
  /** Telnyx's reason code (e.g. `carrier_not_supported`), null when portable. */
  reason: string | null;
  carrier: string;
}

const AnswerSchema = z.array(
  z.looseObject({
    phone_numbers: z.array(
      z.looseObject({
        e164_number: z.string().nullish(),
        raw_number: z.string().nullish(),
        portable: z.boolean(),
        non_portable_reason: z.string().nullish(),
        carrier_name: z.string().nullish(),
      }),
    ),
  }),
);

/** Specialist-readable text of Telnyx's portability reason codes. */
export function describeReason(reason: string): string {
  switch (reason) {
    case 'invalid_phone_number':
      return 'not a valid number for Telnyx';
    case 'carrier_not_supported':
      return "the losing carrier does not accept port-outs to Telnyx";
    case 'already_in_active_port_request':
      return 'already on an active Telnyx port request';
    default:
      return reason.replace(/_/g, ' ');
  }
}

/**
 * Run the Telnyx portability check (POST {root}/origination/porting/portability_checks) over
 * `numbers` in batches, reporting progress. The Telnyx adapter has no such call (its capabilities
 * only announce it), so it lives here, on the adapter's v1 auth headers, HTTP helper and error
 * reader so failures read the same as sync errors.
 */
export async function checkPortability(
  config: RemoteConfig,
  numbers: readonly string[],
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void; batch?: number } = {},
): Promise<PortabilityVerdict[]> {
  if (config.kind !== 'telnyx') {
    throw new AppError('UNSUPPORTED', 'Portability checks are available on Telnyx remotes only; this remote is Kazoo');
  }
  const size = options.batch ?? PORTABILITY_BATCH;
  const out: PortabilityVerdict[] = [];
  for (let i = 0; i < numbers.length; i += size) {
    if (options.signal?.aborted) throw new AppError('VALIDATION', 'The portability check was cancelled');
    const chunk = numbers.slice(i, i + size);
    let body: unknown;
    try {
      ({ body } = await requestJson(
        {
          method: 'POST',
          url: `${config.baseUrl}/origination/porting/portability_checks`,
          headers: telnyxAuthHeaders(config),
          json: { phone_numbers: chunk.map((phone_number) => ({ phone_number })) },
          trustedCa: config.trustedCa,
        },
        readTelnyxError,
      ));
    } catch (err) {
      if (err instanceof RemoteError) throw new AppError(err.status === 401 || err.kind === 'auth' ? 'UNAUTHORIZED' : 'REMOTE', `Portability check failed: ${err.message}`, { status: err.status });
      throw err;
    }
    const parsed = AnswerSchema.safeParse(body);
    if (!parsed.success) throw new AppError('REMOTE', 'Portability check failed: Telnyx answered in an unexpected shape');
    const answers = parsed.data.flatMap((a) => a.phone_numbers);
    chunk.forEach((e164, j) => {
      const a = answers.find((x) => x.e164_number === e164 || x.raw_number === e164) ?? answers[j];
      if (!a) throw new AppError('REMOTE', `Portability check failed: Telnyx gave no answer for ${e164}`);
      out.push({ e164, portable: a.portable, reason: a.portable ? null : (a.non_portable_reason ?? 'unknown'), carrier: a.carrier_name ?? '' });
    });
    options.onProgress?.(Math.min(i + size, numbers.length), numbers.length);
  }
  return out;
}
