import { describe, expect, it } from "vitest";
import { createSignInThrottle } from "./sign-in-throttle";

describe("sign-in throttle", () => {
  it("slows repeated failures, then refuses with a retry time, and forgets after the lock", () => {
    const throttle = createSignInThrottle({ maxFailures: 4, slowAfter: 2, lockSeconds: 60 });
    const t0 = 1_000_000;
    expect(throttle.check("a@x|1.2.3.4", t0)).toEqual({ refused: false, delayMs: 0 });
    throttle.recordFailure("a@x|1.2.3.4", t0);
    throttle.recordFailure("a@x|1.2.3.4", t0 + 1);
    expect(throttle.check("a@x|1.2.3.4", t0 + 2)).toEqual({ refused: false, delayMs: 250 });
    throttle.recordFailure("a@x|1.2.3.4", t0 + 3);
    expect(throttle.check("a@x|1.2.3.4", t0 + 4)).toEqual({ refused: false, delayMs: 500 });
    throttle.recordFailure("a@x|1.2.3.4", t0 + 5_000);
    expect(throttle.check("a@x|1.2.3.4", t0 + 5_000)).toEqual({ refused: true, retryAfterSeconds: 60 });
    expect(throttle.check("a@x|1.2.3.4", t0 + 35_000)).toEqual({ refused: true, retryAfterSeconds: 30 });
    // Another key is unaffected.
    expect(throttle.check("b@x|1.2.3.4", t0 + 5_000)).toEqual({ refused: false, delayMs: 0 });
    expect(throttle.check("a@x|1.2.3.4", t0 + 65_001)).toEqual({ refused: false, delayMs: 0 });
  });

  it("clears the count on success", () => {
    const throttle = createSignInThrottle({ maxFailures: 2 });
    throttle.recordFailure("k");
    throttle.recordSuccess("k");
    throttle.recordFailure("k");
    expect(throttle.check("k").refused).toBe(false);
  });
});
