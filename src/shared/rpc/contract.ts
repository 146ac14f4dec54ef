import type { z } from 'zod';
import type { AppErrorShape } from '../errors';
import { appMethods } from './methods/app';
import { portsMethods } from './methods/ports';
import { documentsMethods } from './methods/documents';
import { syncMethods } from './methods/sync';
import { importMethods } from './methods/import';
import { commentsMethods } from './methods/comments';
import { tagsMethods } from './methods/tags';
import { viewsMethods } from './methods/views';

/**
 * The whole RPC surface between a view (renderer, CLI) and the main-process services.
 * Each feature area declares its methods in ./methods/<area>.ts.
 */
export const contract = {
  ...appMethods,
  ...portsMethods,
  ...syncMethods,
  ...importMethods,
  ...documentsMethods,
  ...commentsMethods,
  ...tagsMethods,
  ...viewsMethods,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

/** What crosses the wire for every call: a value or an error value, never a thrown exception. */
export type RpcResult<T = unknown> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
