import type { MethodInput, MethodName, MethodOutput, RpcResult } from '../../../src/shared/rpc/contract';
import type { RunningHost } from './host';

/**
 * Call the host's RPC router from the test process (seeding many ports is much faster than one
 * CLI process per port). Uses the per-launch token from the URL fragment, like the renderer.
 */
export function hostRpc(host: RunningHost) {
  const url = new URL(host.url);
  const token = /token=([^&]+)/.exec(url.hash)?.[1] ?? '';
  return async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const res = await fetch(`${url.origin}/rpc`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${decodeURIComponent(token)}` },
      body: JSON.stringify({ method, input }),
    });
    const result = (await res.json()) as RpcResult<MethodOutput<M>>;
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
}
