/**
 * Failed sign-ins per key (email + IP): after `slowAfter` failures each answer is delayed a
 * little more; after `maxFailures` the key is refused until `lockSeconds` pass. Success clears it.
 * Per process; with several instances each one counts its own attempts.
 */
export type SignInThrottle = {
  check: (
    key: string,
    now?: number,
  ) => { refused: true; retryAfterSeconds: number } | { refused: false; delayMs: number };
  recordFailure: (key: string, now?: number) => void;
  recordSuccess: (key: string) => void;
};

export function createSignInThrottle(options: { maxFailures?: number; slowAfter?: number; lockSeconds?: number } = {}) {
  const maxFailures = options.maxFailures ?? 5;
  const slowAfter = options.slowAfter ?? 2;
  const lockMs = (options.lockSeconds ?? 15 * 60) * 1000;
  const failures = new Map<string, { count: number; firstAt: number; lockedUntil?: number }>();

  const throttle: SignInThrottle = {
    check(key, now = Date.now()) {
      const entry = failures.get(key);
      if (!entry) return { refused: false, delayMs: 0 };
      if (entry.lockedUntil && entry.lockedUntil > now) {
        return { refused: true, retryAfterSeconds: Math.ceil((entry.lockedUntil - now) / 1000) };
      }
      if (now - entry.firstAt > lockMs) {
        failures.delete(key);
        return { refused: false, delayMs: 0 };
      }
      return { refused: false, delayMs: Math.max(0, entry.count - slowAfter + 1) * 250 };
    },
    recordFailure(key, now = Date.now()) {
      const entry = failures.get(key);
      const fresh = !entry || now - entry.firstAt > lockMs;
      const next = fresh ? { count: 1, firstAt: now } : { ...entry, count: entry.count + 1 };
      failures.set(key, next.count >= maxFailures ? { ...next, lockedUntil: now + lockMs } : next);
    },
    recordSuccess(key) {
      failures.delete(key);
    },
  };
  return throttle;
}
