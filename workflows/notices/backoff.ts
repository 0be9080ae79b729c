/**
 * When a failed notice is tried again: exponential backoff with jitter (between half and all of
 * base·2^(attempt−1), capped), so that notices failing together against a provider that is down
 * do not all come back at the same instant, yet none comes back at once. `random` is injectable.
 */
export function retryDelayMs(attempt: number, opts: { baseMs: number; capMs: number }, random: () => number = Math.random): number {
  const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}
