import { json, type Reply } from '../http/reply';

const TITLES: Record<number, { code: string; title: string }> = {
  400: { code: '10015', title: 'Bad Request' },
  401: { code: '10009', title: 'Authentication failed' },
  403: { code: '10010', title: 'Authorization failed' },
  404: { code: '10005', title: 'Resource not found' },
  405: { code: '10006', title: 'Method not allowed' },
  413: { code: '10015', title: 'Payload too large' },
  422: { code: '10015', title: 'Unprocessable entity' },
  429: { code: '10011', title: 'Too many requests' },
  500: { code: '10007', title: 'Unexpected error' },
  503: { code: '10008', title: 'Service unavailable' },
};

/** A Telnyx failure as a value: status, readable detail and the offending field (JSON pointer). */
export class TelnyxError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly pointer?: string,
  ) {
    super(detail);
    this.name = 'TelnyxError';
  }
}

/** `{"errors":[{code,title,detail,source}]}`; `message` repeats the detail, as the spec points at it. */
export function telnyxFailure(status: number, detail: string, pointer?: string, headers: Record<string, string> = {}): Reply {
  const t = TITLES[status] ?? { code: '10007', title: 'Error' };
  const error: Record<string, unknown> = { code: t.code, title: t.title, detail };
  if (pointer !== undefined) error.source = { pointer };
  return json(status, { errors: [error], message: detail }, headers);
}

export const notFound = (what: string, id: string): TelnyxError => new TelnyxError(404, `${what} ${id} not found`);
export const unprocessable = (detail: string, pointer?: string): TelnyxError => new TelnyxError(422, detail, pointer);
