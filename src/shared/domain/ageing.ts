import { z } from 'zod';
import { PortStateSchema, type PortState } from '../model';

const DAY = 86_400_000;

/** Days a port may sit in a state before it is flagged as ageing; states without one never are. */
export const AgeingThresholdsSchema = z.partialRecord(PortStateSchema, z.number().int().min(1).max(365));
export type AgeingThresholds = z.infer<typeof AgeingThresholdsSchema>;

/**
 * Defaults from how long each step normally takes: a draft a week, a carrier's first answer
 * within five business days, a pending port about two weeks before its FOC; a rejection wants
 * work within days. Scheduled ports wait for their date and final ones for nothing.
 */
export const DEFAULT_AGEING: AgeingThresholds = { unconfirmed: 7, submitted: 5, pending: 14, rejected: 3 };

/** Whole days since `enteredAt` (ms), never negative (a clock set back must not show -1). */
export function daysInState(enteredAt: number, now: number): number {
  return Math.max(0, Math.floor((now - enteredAt) / DAY));
}

/** True when a port has been in its state longer than that state's threshold. */
export function isAgeing(p: { state: PortState; stateEnteredAt: number }, thresholds: AgeingThresholds, now: number): boolean {
  const limit = thresholds[p.state];
  return limit !== undefined && daysInState(p.stateEnteredAt, now) > limit;
}
