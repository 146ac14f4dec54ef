import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../../src/sandbox/index';

export interface Harness {
  sb: SandboxHandle;
  dir: string;
  root: string;
  /** Kazoo call on the root account (or `account`). */
  kz(method: string, path: string, body?: unknown, opts?: { token?: string; account?: string; headers?: Record<string, string>; raw?: Buffer }): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }>;
  /** Telnyx v1 call as the root account's portal user (or as `as`: the sub-account's user and token, or other headers). */
  tx(method: string, path: string, body?: unknown, as?: 'sub' | Record<string, string>): Promise<{ status: number; json: unknown; headers: Headers }>;
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }>;
  stop(keepDir?: boolean): Promise<void>;
}

/** Start a sandbox on 127.0.0.1:0 with a fresh temp data dir. */
export async function startHarness(opts: Partial<SandboxOptions> = {}, dir = mkdtempSync(join(tmpdir(), 'sbx-'))): Promise<Harness> {
  const sb = await startSandbox({ dataDir: dir, port: 0, seed: 'none', ...opts });
  const root = sb.accounts.root.id;
  return {
    sb,
    dir,
    root,
    async kz(method, path, body, o = {}) {
      const res = await fetch(`${sb.kazooUrl}/v2/accounts/${o.account ?? root}${path}`, {
        method,
        headers: { 'x-auth-token': o.token ?? sb.token, 'content-type': 'application/json', ...(o.headers ?? {}) },
        body: o.raw ? new Uint8Array(o.raw) : body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        json = { raw: text };
      }
      return { status: res.status, json, headers: res.headers };
    },
    async tx(method, path, body, as) {
      const auth =
        as === 'sub' ? { 'x-api-user': sb.subTelnyxUser, 'x-api-token': sb.subToken } : (as ?? { 'x-api-user': sb.telnyxUser, 'x-api-token': sb.token });
      const res = await fetch(`${sb.telnyxUrl}${path.startsWith('/files/') ? '' : '/origination/porting'}${path}`, {
        method,
        headers: { ...auth, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as unknown, headers: res.headers };
    },
    async admin(method, path, body) {
      const res = await fetch(`${sb.adminUrl}${path}`, {
        method,
        headers: { 'x-auth-token': sb.token, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    },
    async stop(keepDir = false) {
      await sb.close();
      if (!keepDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Create an unconfirmed Kazoo port request and return its id. */
export async function createPort(h: Harness, numbers: string[], extra: Record<string, unknown> = {}, account?: string): Promise<string> {
  const r = await h.kz('PUT', '/port_requests', { data: { name: `Port ${numbers[0]}`, numbers: Object.fromEntries(numbers.map((n) => [n, {}])), ...extra } }, { account });
  if (r.status !== 201) throw new Error(`create failed: ${JSON.stringify(r.json)}`);
  return (r.json.data as { id: string }).id;
}

let counter = 100;
/** A fresh fictional number NPA-555-01xx for each call. */
export function freshNumber(npa = '312'): string {
  counter += 1;
  if (counter > 199) throw new Error('out of test numbers');
  return `+1${npa}5550${counter}`;
}
