/**
 * Errors that cross a boundary (RPC, CLI, sync) are values with a stable code the UI can
 * switch on and a message a porting specialist can read as is.
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'ILLEGAL_TRANSITION'
  | 'NUMBER_IN_USE'
  | 'INVALID_NUMBER'
  | 'DB_CORRUPT'
  | 'DB_TOO_NEW'
  | 'DB_FOREIGN'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'PAYMENT_REQUIRED'
  | 'REMOTE'
  | 'NETWORK'
  | 'RATE_LIMITED'
  | 'FILE'
  | 'UNSUPPORTED'
  | 'LOCKED'
  | 'INTERNAL';

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  /** Optional machine-readable details: the offending field, the server's body, etc. */
  details?: Record<string, unknown>;
}

/** An Error subclass carrying an {@link AppErrorShape}; thrown inside main, serialised at boundaries. */
export class AppError extends Error implements AppErrorShape {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  toJSON(): AppErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** Normalise anything thrown into an {@link AppErrorShape} without leaking stack traces. */
export function toAppError(err: unknown): AppErrorShape {
  if (err instanceof AppError) return err.toJSON();
  if (err instanceof Error) return { code: 'INTERNAL', message: err.message };
  return { code: 'INTERNAL', message: String(err) };
}
