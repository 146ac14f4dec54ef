import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import { PortFieldsPatchSchema, type PortDetail, type PortFields, type PortFieldsPatch } from '../../../shared/model';
import { FIELD_LABELS } from '../../../shared/domain/fieldLabels';
import { portProblems, type ReadinessProblem } from '../../../shared/domain/readiness';
import { isoDay } from '../../../shared/domain/portFacts';

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Short names people type for a few fields, beside each field's own (`--postal-code`). */
const ALIASES: Partial<Record<keyof PortFields, string>> = { locality: 'city', region: 'state', postalCode: 'zip', billingPhone: 'btn', extendedAddress: 'suite' };

const FIELD_KEYS = Object.keys(FIELD_LABELS) as (keyof PortFields)[];

/** `--losing-carrier <text>` and friends: one option per port field (and its alias). */
export function addFieldOptions(command: Command): Command {
  for (const key of FIELD_KEYS) {
    const what = key === 'notificationEmails' ? 'comma-separated e-mails' : key.endsWith('Date') ? 'YYYY-MM-DD' : 'text';
    command.option(`--${kebab(key)} <${what}>`, `${FIELD_LABELS[key]} ("" clears it)`);
    const alias = ALIASES[key];
    if (alias) command.option(`--${alias} <${what}>`, `same as --${kebab(key)}`);
  }
  return command;
}

function optionName(key: string): string {
  return `--${kebab(key)}`;
}

/**
 * The patch the options and `--from-json FILE` describe (options win), validated with the same
 * schema as the window's form; every refused value is named by its option in one message.
 */
export async function fieldsPatch(opts: Record<string, unknown>): Promise<PortFieldsPatch> {
  let raw: Record<string, unknown> = {};
  if (typeof opts.fromJson === 'string') {
    const text = await readFile(opts.fromJson, 'utf8').catch((err: unknown) => {
      throw new AppError('FILE', `${opts.fromJson}: ${err instanceof Error ? err.message : String(err)}`);
    });
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new AppError('VALIDATION', `${opts.fromJson} is not JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new AppError('VALIDATION', `${opts.fromJson} must hold one object of port fields, e.g. {"billingName": "Acme LLC"}`);
    }
    raw = { ...parsed };
  }
  for (const key of FIELD_KEYS) {
    const alias = ALIASES[key];
    const value = opts[key] ?? (alias ? opts[alias] : undefined);
    if (typeof value !== 'string') continue;
    raw[key] = key === 'notificationEmails' ? value.split(/[\s,;]+/).filter(Boolean) : value;
  }
  const result = PortFieldsPatchSchema.strict().safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => {
      const key = String(i.path[0] ?? '');
      if (i.code === 'unrecognized_keys') return `unknown field(s) ${i.keys.map((k) => `"${k}"`).join(', ')} (known: ${FIELD_KEYS.join(', ')})`;
      return `${key in FIELD_LABELS ? `${optionName(key)} (${FIELD_LABELS[key as keyof PortFields]})` : key}: ${i.message}`;
    });
    throw new AppError('VALIDATION', `Nothing was changed: ${lines.join('; ')}`, { issues: lines });
  }
  if (Object.keys(result.data).length === 0) throw new AppError('VALIDATION', 'Nothing to set: give at least one field option (see --help) or --from-json FILE');
  return result.data;
}

/** What `ports set` prints: the change and, for a port that will be submitted, its readiness. */
export function setResultText(port: PortDetail, changed: readonly string[], problems: readonly ReadinessProblem[]): string {
  const head = changed.length === 0 ? `No change to ${port.id} "${port.name}"` : `Updated ${port.id} "${port.name}": ${changed.map((k) => FIELD_LABELS[k as keyof PortFields] ?? k).join(', ')}`;
  if (port.state !== 'unconfirmed' && port.state !== 'rejected') return head;
  if (problems.length === 0) return `${head}\nReady to submit.`;
  return [head, 'Not ready to submit:', ...problems.map((p) => `  - ${p.message}`)].join('\n');
}

/** The readiness the window shows for this port today. */
export function readinessOf(port: PortDetail): ReadinessProblem[] {
  return portProblems(port, isoDay());
}
