import { z } from 'zod';
import { createPrng, type Prng } from '../util/prng';

const rate = z.number().min(0).max(1);
const count = z.number().int().min(0);

/**
 * What can go wrong, set at start (CLI flags) or at run time (admin endpoint). Each fault can
 * fire at random (`rate`, a share 0..1 of eligible requests) and/or on the `next` N eligible
 * requests. Eligible means every API request, or only mutating ones (POST/PUT/PATCH/DELETE)
 * when `mutatingOnly` is true (the default for `lostResponse`).
 */
export const FaultConfigSchema = z
  .object({
    seed: z.number().int().optional(),
    latency: z
      .object({ fixedMs: count.optional(), minMs: count.optional(), maxMs: count.optional() })
      .strict()
      .optional(),
    serverError: z
      .object({
        rate: rate.optional(),
        next: count.optional(),
        statuses: z.array(z.union([z.literal(500), z.literal(503)])).min(1).optional(),
        mutatingOnly: z.boolean().optional(),
      })
      .strict()
      .optional(),
    reset: z
      .object({
        rate: rate.optional(),
        next: count.optional(),
        phase: z.enum(['headers', 'body']).optional(),
        mutatingOnly: z.boolean().optional(),
      })
      .strict()
      .optional(),
    rateLimit: z
      .object({
        rate: rate.optional(),
        next: count.optional(),
        retryAfterSeconds: count.optional(),
        mutatingOnly: z.boolean().optional(),
      })
      .strict()
      .optional(),
    lostResponse: z
      .object({ rate: rate.optional(), next: count.optional(), mutatingOnly: z.boolean().optional() })
      .strict()
      .optional(),
    /** Tokens stop working this many ms after issue (or after the faults were set, if later). */
    tokenTtlMs: count.optional(),
  })
  .strict();

export type FaultConfig = z.infer<typeof FaultConfigSchema>;

/** What the server should do to one request. */
export interface FaultDecision {
  latencyMs: number;
  /** Answer this instead of running the handler. */
  early?: { kind: 'server-error'; status: number } | { kind: 'rate-limit'; retryAfterSeconds: number };
  /** Run the handler (the change is committed), then sabotage the answer. */
  late?: 'reset-headers' | 'reset-body' | 'lost';
}

/** Decides, reproducibly, which faults hit each request. */
export class FaultEngine {
  private config: FaultConfig = {};
  private prng: Prng;
  private remaining = { serverError: 0, reset: 0, rateLimit: 0, lostResponse: 0 };
  private setAt = 0;

  constructor(private readonly defaultSeed: number) {
    this.prng = createPrng(defaultSeed);
  }

  /** Replace the active faults; `now` marks when token TTLs start counting. */
  set(config: FaultConfig, now: number): void {
    this.config = config;
    this.prng = createPrng(config.seed ?? this.defaultSeed);
    this.remaining = {
      serverError: config.serverError?.next ?? 0,
      reset: config.reset?.next ?? 0,
      rateLimit: config.rateLimit?.next ?? 0,
      lostResponse: config.lostResponse?.next ?? 0,
    };
    this.setAt = now;
  }

  /** The active configuration and how many `next` faults are still to fire. */
  snapshot(): { config: FaultConfig; remaining: FaultEngine['remaining'] } {
    return { config: this.config, remaining: { ...this.remaining } };
  }

  /** True when a token issued at `issuedAt` has outlived the configured TTL. */
  tokenExpired(issuedAt: number, now: number): boolean {
    const ttl = this.config.tokenTtlMs;
    if (ttl === undefined) return false;
    return now - Math.max(issuedAt, this.setAt) > ttl;
  }

  decide(mutating: boolean): FaultDecision {
    const c = this.config;
    const decision: FaultDecision = { latencyMs: this.latency() };
    if (c.rateLimit && this.fires('rateLimit', c.rateLimit, mutating, false)) {
      decision.early = { kind: 'rate-limit', retryAfterSeconds: c.rateLimit.retryAfterSeconds ?? 1 };
      return decision;
    }
    if (c.serverError && this.fires('serverError', c.serverError, mutating, false)) {
      const statuses = c.serverError.statuses ?? [500, 503];
      decision.early = { kind: 'server-error', status: this.prng.pick(statuses) };
      return decision;
    }
    if (c.lostResponse && this.fires('lostResponse', c.lostResponse, mutating, true)) {
      decision.late = 'lost';
      return decision;
    }
    if (c.reset && this.fires('reset', c.reset, mutating, false)) {
      decision.late = c.reset.phase === 'body' ? 'reset-body' : 'reset-headers';
    }
    return decision;
  }

  private latency(): number {
    const l = this.config.latency;
    if (!l) return 0;
    if (l.minMs !== undefined || l.maxMs !== undefined) {
      const min = l.minMs ?? 0;
      const max = Math.max(min, l.maxMs ?? min);
      return this.prng.int(min, max);
    }
    return l.fixedMs ?? 0;
  }

  private fires(
    key: keyof FaultEngine['remaining'],
    spec: { rate?: number; mutatingOnly?: boolean },
    mutating: boolean,
    mutatingOnlyDefault: boolean,
  ): boolean {
    if ((spec.mutatingOnly ?? mutatingOnlyDefault) && !mutating) return false;
    if (this.remaining[key] > 0) {
      this.remaining[key] -= 1;
      return true;
    }
    return spec.rate !== undefined && spec.rate > 0 && this.prng.next() < spec.rate;
  }
}
