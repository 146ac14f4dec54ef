import type { RemoteKind } from '../../../shared/model';
import { ApiUserSchema } from '../../../shared/rpc/methods/sync';
import { trustedCaProblem } from '../../../shared/domain/trustedCa';

export interface RemoteDraft {
  kind: RemoteKind;
  name: string;
  url: string;
  accountId: string;
  token: string;
  /** Telnyx v1: the portal user (an e-mail) that the token belongs to. */
  apiUser: string;
  connectionId: string;
  /** PEM of a private certificate authority to trust (optional). */
  trustedCa: string;
}

export type RemoteErrors = Partial<Record<keyof RemoteDraft, string>>;

export const EMPTY_REMOTE: RemoteDraft = { kind: 'kazoo', name: '', url: '', accountId: '', token: '', apiUser: '', connectionId: '', trustedCa: '' };

/** Where each family's URL starts, as the specialist would type it. */
export const URL_EXAMPLES: Record<RemoteKind, string> = {
  kazoo: 'http://crossbar.example.com:8000',
  telnyx: 'https://api.telnyx.com',
};

/** Checks one token field; shared by the add form and the replace-token forms. */
export function tokenError(token: string): string | undefined {
  if (token.trim() === '') return 'Token is required';
  if (/\s/.test(token.trim())) return 'Token cannot contain spaces; paste it again';
  return undefined;
}

/** Checks the Telnyx API user; shared by the add form and the replace-token form. */
export function apiUserError(raw: string): string | undefined {
  if (raw.trim() === '') return 'API user is required: the e-mail you sign in to the Telnyx portal with';
  return ApiUserSchema.safeParse(raw).success ? undefined : 'API user must be an e-mail address, e.g. porting@example.com';
}

function urlError(raw: string): string | undefined {
  const url = raw.trim();
  if (url === '') return 'Server URL is required';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `Server URL must be a full address such as ${URL_EXAMPLES.kazoo}`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'Server URL must start with http:// or https://';
  // Credentials in the URL would be stored in clear beside the encrypted token.
  if (parsed.username || parsed.password) return 'Put the credentials in the token field, not in the URL';
  return undefined;
}

function accountError(kind: RemoteKind, raw: string): string | undefined {
  const id = raw.trim();
  if (id === '') return 'Account ID is required';
  if (/\s/.test(id)) return 'Account ID cannot contain spaces';
  if (kind === 'kazoo' && !/^[0-9a-f]{32}$/i.test(id)) return 'A Kazoo account ID is 32 hexadecimal characters';
  if (id.length > 200) return 'Account ID is too long';
  return undefined;
}

/** A trusted certificate's problem under the field (the rules main applies), else undefined; empty is none. */
export function trustedCaError(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  const problem = trustedCaProblem(text);
  return problem ? `Trusted certificate ${problem}` : undefined;
}

/** Every field's problem, worded to be shown under the field. */
export function validateRemote(d: RemoteDraft): RemoteErrors {
  const errors: RemoteErrors = {
    name: d.name.trim().length > 128 ? 'Name must be at most 128 characters' : undefined,
    url: urlError(d.url),
    accountId: accountError(d.kind, d.accountId),
    token: tokenError(d.token),
    apiUser: d.kind === 'telnyx' ? apiUserError(d.apiUser) : undefined,
    connectionId: d.connectionId.trim().length > 200 ? 'Connection ID is too long' : undefined,
    trustedCa: trustedCaError(d.trustedCa),
  };
  return Object.fromEntries(Object.entries(errors).filter(([, v]) => v !== undefined));
}
