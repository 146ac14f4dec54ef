import type { Harness } from './harness';

type Json = Record<string, unknown>;

/** A Telnyx v1 call as the harness remote's portal user (x-api-user + x-api-token). */
export async function telnyxApi(h: Harness, path: string, init: { method?: string; json?: unknown } = {}): Promise<unknown> {
  const res = await fetch(`${h.sb.telnyxUrl}/origination/porting${path}`, {
    method: init.method ?? 'GET',
    headers: { 'x-api-user': h.sb.telnyxUser, 'x-api-token': h.sb.token, 'content-type': 'application/json' },
    body: init.json === undefined ? null : JSON.stringify(init.json),
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Every draft (all pages), with sub requests. */
export async function allDrafts(h: Harness): Promise<{ id: string; status: string; port_request_id: string | null; phone_numbers: { phone_number: string }[]; sub_requests: Json[] }[]> {
  const out: never[] = [];
  for (let page = 1; ; page += 1) {
    const items = (await telnyxApi(h, `/draft_port_requests?include_sub_requests=true&per_page=100&page=${page}`)) as never[];
    out.push(...items);
    if (items.length < 100) return out;
  }
}

/** What Telnyx staff do in the portal: submit a draft, or set a sub request's status. */
export async function portal(h: Harness, path: string, body: Json = {}): Promise<Json> {
  const res = (await h.admin(`/telnyx${path}`, body)) as Json;
  if (typeof res.error === 'string') throw new Error(`portal ${path}: ${String(res.message)}`);
  return res;
}

/** The sub request ids of a port request. */
export async function subIds(h: Harness, prId: string): Promise<string[]> {
  return ((await telnyxApi(h, `/port_requests/${prId}/sub_requests`)) as { id: string }[]).map((s) => s.id);
}

/** A weekday 5-9 days ahead: inside Telnyx's allowed FOC windows. */
export function focDay(): string {
  let t = Date.now() + 5 * 86_400_000;
  while ([0, 6].includes(new Date(t).getUTCDay())) t += 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Every field a Telnyx draft needs before submit. */
export const completeFields = () => ({
  billingName: 'Harbor Lights Dental',
  authorizedPerson: 'Dana Reyes',
  billingPhone: '+12025550100',
  street: '12 Harbor Way',
  locality: 'Annapolis',
  region: 'MD',
  postalCode: '21401',
  country: 'US',
  transferDate: focDay(),
});
