import { AppError } from '../../../shared/errors';

/** The words to show for a refusal: an AppError's message as is, else the error's text. */
export function messageOf(err: unknown): string {
  return err instanceof AppError || err instanceof Error ? err.message : String(err);
}
