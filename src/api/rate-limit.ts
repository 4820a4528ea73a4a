// Requests per token in a sliding window, counted in this process's memory (README, Design: the API).

export type RateLimit = { requests: number; windowMs: number };
export const DEFAULT_RATE_LIMIT: RateLimit = { requests: 120, windowMs: 60_000 };

/** Past this many tokens tracked, idle ones are dropped (bounded anyway: ten working tokens per person). */
const PRUNE_AT = 5_000;

/**
 * `take(key, now)`: 0 when the request may go on (it is counted), else the whole seconds until the oldest
 * request in the window leaves it. A refused request is not counted, so a client that waits as told gets in.
 */
export function rateLimiter(limit: RateLimit) {
  const hits = new Map<number, number[]>();
  const prune = (now: number) => {
    for (const [key, times] of hits) if (times[times.length - 1] <= now - limit.windowMs) hits.delete(key);
  };
  return {
    limit,
    take(key: number, now: number): number {
      if (hits.size > PRUNE_AT) prune(now);
      const times = (hits.get(key) ?? []).filter((at) => at > now - limit.windowMs);
      hits.set(key, times);
      if (times.length >= limit.requests) return Math.max(1, Math.ceil((times[0] + limit.windowMs - now) / 1000));
      times.push(now);
      return 0;
    },
    /** Requests left in the window after `take`. */
    remaining: (key: number) => Math.max(0, limit.requests - (hits.get(key)?.length ?? 0)),
  };
}
export type RateLimiter = ReturnType<typeof rateLimiter>;
