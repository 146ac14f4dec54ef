import type { MethodInput, MethodName, MethodOutput } from '../../../shared/rpc/contract';

/**
 * Call a method and print its result: `human` formats it, unless --json asks for the raw value.
 * `exitCode`, given, reads from the result the code the process ends with (0: success).
 */
export type Run = <M extends MethodName>(method: M, input: MethodInput<M>, human: (out: MethodOutput<M>) => string, exitCode?: (out: MethodOutput<M>) => number) => Promise<void>;

/**
 * A command that ran and printed its answer, but whose outcome a script must not take for success
 * (a sync that did not converge): the process exits with `code` and prints nothing more.
 */
export class ExitStatus extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Call a method and return its result, for commands that print more than one answer. */
export type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;
