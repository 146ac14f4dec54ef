import { AppError, type AppErrorShape } from '../errors';
import type { ChangeEvent } from './events';
import type { MethodInput, MethodName, MethodOutput, RpcResult } from './contract';

/** The untyped transport a binding provides (IPC in Electron, HTTP in the host, direct in tests). */
export interface RpcTransport {
  call(method: string, input: unknown): Promise<RpcResult>;
  /**
   * Change events from main. The listener is told `{ type: 'reload' }` once its stream is live and
   * again after any gap in it (a dropped host socket), so whatever it loads on 'reload' misses no
   * change made before or during the gap.
   */
  subscribe(listener: (event: ChangeEvent) => void): () => void;
}

/** A typed client over any transport: resolves with the method's output or throws an AppError. */
export class RpcClient {
  constructor(private readonly transport: RpcTransport) {}

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const result = await this.transport.call(method, input);
    if (!result.ok) throw fromShape(result.error);
    return result.value as MethodOutput<M>;
  }

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    return this.transport.subscribe(listener);
  }
}

function fromShape(shape: AppErrorShape): AppError {
  return new AppError(shape.code, shape.message, shape.details);
}
