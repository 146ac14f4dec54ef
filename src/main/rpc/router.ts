import type { z } from 'zod';
import { AppError, toAppError } from '../../shared/errors';
import { isStorageFailure, storageError } from '../db/connection';
import { contract, isMethodName, type Contract, type MethodName, type MethodOutput, type RpcResult } from '../../shared/rpc/contract';

/** The implementation of every method: receives the validated input. */
export type Handlers = {
  [M in MethodName]: (input: z.output<Contract[M]['input']>) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

export interface Router {
  call(method: unknown, input: unknown): Promise<RpcResult>;
}

/** "numbers.0: must be ..." — the field path first, so a specialist (or a script) sees what is wrong. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/**
 * Map method names to handlers, validating every input against the contract first. Knows
 * nothing of Electron or HTTP: both bindings (and the CLI) call it the same way.
 */
export function createRouter(handlers: Handlers): Router {
  return {
    async call(method, input) {
      if (!isMethodName(method)) {
        return { ok: false, error: { code: 'VALIDATION', message: `Unknown method ${JSON.stringify(method)}` } };
      }
      const parsed = contract[method].input.safeParse(input ?? {});
      if (!parsed.success) {
        const fields = parsed.error.issues.map((i) => i.path.map(String).join('.'));
        return { ok: false, error: new AppError('VALIDATION', `Invalid ${method} request: ${describeZodError(parsed.error)}`, { fields }).toJSON() };
      }
      try {
        const handler = handlers[method] as (input: unknown) => unknown;
        return { ok: true, value: await handler(parsed.data) };
      } catch (err) {
        // A full disk or read-only file met mid-write is said as such, not as an internal error.
        return { ok: false, error: toAppError(isStorageFailure(err) ? storageError(err, 'the PortDesk database') : err) };
      }
    },
  };
}
