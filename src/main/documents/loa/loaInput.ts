import { z } from 'zod';
import { PortFieldsSchema } from '../../../shared/model';
import { loaProblems } from '../../../shared/domain/readiness';
import { countryOfNumber } from '../../../shared/domain/numbers';
import { AppError } from '../../../shared/errors';

const E164Schema = z.string().regex(/^\+[1-9]\d{3,14}$/, 'must be an E.164 number such as +12025550100');

export const LoaInputSchema = z.object({
  fields: PortFieldsSchema,
  /** The port's numbers in E.164; printed sorted and without duplicates. */
  numbers: z.array(E164Schema),
  /** When the letter is prepared; printed on it and used as the PDF's creation date. */
  generatedAt: z.date(),
  /** A draft may lack fields and is watermarked DRAFT so it is never sent as the signed LOA. */
  draft: z.boolean().optional(),
});
export type LoaInput = z.infer<typeof LoaInputSchema>;

/**
 * Validate the input of {@link generateLoa}: shapes always, and unless `draft`, the fields a losing
 * carrier matches on (the shared readiness rules), naming every missing one in one message.
 */
export function checkLoaInput(input: unknown): LoaInput {
  const parsed = LoaInputSchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? first.path.join('.') : 'input';
    throw new AppError('VALIDATION', `Cannot generate the LOA: ${where} ${first?.message ?? 'is invalid'}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const value = parsed.data;
  if (!value.draft) {
    const first = [...value.numbers].sort()[0];
    const problems = loaProblems(value.fields, new Set(value.numbers).size, first ? countryOfNumber(first) : null);
    if (problems.length > 0) {
      throw new AppError(
        'VALIDATION',
        `Cannot generate the LOA until these are filled in: ${problems.map((p) => p.message).join('; ')}. Generate a draft to preview it anyway.`,
        { fields: problems.map((p) => p.field), problems },
      );
    }
  }
  return value;
}
