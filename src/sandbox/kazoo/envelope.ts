import { json, jsonText, type Reply } from '../http/reply';
import { md5, requestId } from '../util/ids';

/** A Kazoo failure carried as a value: HTTP status, Kazoo `message` and the `data` details. */
export class KazooError extends Error {
  constructor(
    readonly http: number,
    readonly kazooMessage: string,
    readonly data: unknown,
  ) {
    super(kazooMessage);
    this.name = 'KazooError';
  }
}

/** The success envelope every Crossbar answer uses. */
export function kazooSuccess(
  authToken: string,
  data: unknown,
  revision: string,
  extra: Record<string, unknown> = {},
  status = 200,
): Reply {
  return json(status, {
    auth_token: authToken,
    data,
    ...extra,
    request_id: requestId(),
    revision,
    status: 'success',
  });
}

/**
 * A listing's success envelope from its data's JSON text, whose md5 is the revision: byte for
 * byte `kazooSuccess(authToken, data, md5(JSON.stringify(data)), extra)`, with the data (megabytes
 * for a 10,000-request listing) written once.
 */
export function kazooListing(authToken: string, dataJson: string, extra: Record<string, unknown> = {}): Reply {
  // The members after `data`, in kazooSuccess's order; never empty, so `{` becomes the separating comma.
  const rest = JSON.stringify({ ...extra, request_id: requestId(), revision: md5(dataJson), status: 'success' });
  return jsonText(200, `{"auth_token":${JSON.stringify(authToken)},"data":${dataJson},${rest.slice(1)}`);
}

/** The error envelope: `error` is the HTTP status as a string, `message` the short reason. */
export function kazooFailure(
  authToken: string,
  http: number,
  message: string,
  data: unknown,
  headers: Record<string, string> = {},
): Reply {
  return json(
    http,
    { auth_token: authToken, data, error: String(http), message, request_id: requestId(), status: 'error' },
    headers,
  );
}

/** Validation-style error body: `{field: {rule: {message, cause?}}}` under 400 `invalid request`. */
export function validationError(field: string, rule: string, message: string, cause?: unknown): KazooError {
  const detail: Record<string, unknown> = { message };
  if (cause !== undefined) detail.cause = cause;
  return new KazooError(400, 'invalid request', { [field]: { [rule]: detail } });
}

/**
 * An illegal state move: a 400 validation error on `port_state` in 4.2's and 4.3's source
 * (cb_port_requests:maybe_move_state / move_state), although Kazoo's docs show a 500.
 */
export function illegalMove(target: string): KazooError {
  return new KazooError(400, 'invalid request', {
    port_state: { enum: { cause: target, message: 'Cannot move to new state from current state' } },
  });
}

/** 404 for an unknown id, as Crossbar words it. */
export function badIdentifier(id: string): KazooError {
  return new KazooError(404, 'bad_identifier', { cause: id, message: 'bad identifier' });
}
