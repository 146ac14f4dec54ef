import { carrierOf } from '../util/phone';
import type { DraftDoc, DraftSubDoc, PortRequestDoc, SubRequestDoc } from './model';
import { SUB_REQUEST_STATUSES, missingFields } from './model';

const phone = (n: string, subId: string, status?: string): Record<string, unknown> => ({
  phone_number: n,
  svtype: 'local',
  carrier_name: carrierOf(n),
  coverage_category: 'nanp_generic',
  sub_request_id: subId,
  ...(status !== undefined ? { sub_request_status: status } : {}),
  portability_status: 'confirmed',
});

/** A sub request as the API returns it. */
export function subRequestView(s: SubRequestDoc): Record<string, unknown> {
  const { numbers, port_request_id: _pr, carrier_name: _c, ...rest } = s;
  return {
    ...rest,
    phone_numbers: numbers.map((n) => phone(n, s.id, s.status)),
    phone_number_count: numbers.length,
    underlying_carrier_names: [s.carrier_name],
  };
}

/** A port request, optionally with its phone numbers and sub requests. */
export function portRequestView(
  pr: PortRequestDoc,
  subs: SubRequestDoc[],
  opts: { phoneNumbers: boolean; subRequests: boolean },
): Record<string, unknown> {
  const counts = SUB_REQUEST_STATUSES.map((status) => ({
    status,
    count: subs.filter((s) => s.status === status).reduce((n, s) => n + s.numbers.length, 0),
  })).filter((c) => c.count > 0);
  const out: Record<string, unknown> = { ...pr, phone_number_counts_by_status: counts };
  if (opts.phoneNumbers) out.phone_numbers = subs.flatMap((s) => s.numbers.map((n) => phone(n, s.id, s.status)));
  if (opts.subRequests) out.sub_requests = subs.map(subRequestView);
  return out;
}

/** A draft sub request with its computed `complete` flag. */
export function draftSubView(s: DraftSubDoc): Record<string, unknown> {
  const { numbers, draft_id: _d, carrier_name: _c, ...rest } = s;
  return {
    ...rest,
    complete: missingFields(s).length === 0,
    phone_numbers: numbers.map((n) => phone(n, s.id)),
    phone_number_count: numbers.length,
    underlying_carrier_names: [s.carrier_name],
  };
}

/** A draft port request as the API returns it. */
export function draftView(d: DraftDoc, subs: DraftSubDoc[], opts = { phoneNumbers: true, subRequests: true }): Record<string, unknown> {
  const subOf = (n: string): string => subs.find((s) => s.numbers.includes(n))?.id ?? '';
  const out: Record<string, unknown> = {
    id: d.id,
    created_at: d.created_at,
    status: d.status,
    phone_number_count: d.numbers.length,
    port_request_id: d.port_request_id,
  };
  if (opts.phoneNumbers) out.phone_numbers = d.numbers.map((n) => phone(n, subOf(n)));
  if (opts.subRequests) out.sub_requests = subs.map(draftSubView);
  return out;
}
