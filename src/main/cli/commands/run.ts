import type { MethodInput, MethodName, MethodOutput } from '../../../shared/rpc/contract';

/** Call a method and print its result: `human` formats it, unless --json asks for the raw value. */
export type Run = <M extends MethodName>(method: M, input: MethodInput<M>, human: (out: MethodOutput<M>) => string) => Promise<void>;

/** Call a method and return its result, for commands that print more than one answer. */
export type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;
