import { PortFieldsSchema, type PortFields } from '../model';
import { FIELD_LABELS } from './fieldLabels';

/** "Losing carrier is too long: 130 characters, at most 128": the field's label, then the schema's words for what is wrong. */
function sentence(key: keyof PortFields, message: string | undefined): string {
  return `${FIELD_LABELS[key]} ${message ?? 'is not valid'}`;
}

/**
 * What is wrong with one field's value, as the detail form and the table's cells say it; null when
 * the value is fine. The one source of field messages for both.
 */
export function fieldProblem<K extends keyof PortFields>(key: K, value: unknown): string | null {
  const result = PortFieldsSchema.shape[key].safeParse(value);
  return result.success ? null : sentence(key, result.error.issues[0]?.message);
}

/** Each field's first problem, by field (none: the fields are valid). */
export function fieldProblems(fields: PortFields): Partial<Record<keyof PortFields, string>> {
  const result = PortFieldsSchema.safeParse(fields);
  const problems: Partial<Record<keyof PortFields, string>> = {};
  if (result.success) return problems;
  for (const issue of result.error.issues) {
    const key = issue.path[0] as keyof PortFields;
    problems[key] ??= sentence(key, issue.message);
  }
  return problems;
}
