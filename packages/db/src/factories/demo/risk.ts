import { DAY_MS } from "../ids";
import type { Random } from "../random";

/**
 * Why a demo tenant is slipping. Each cause shapes rows the health score can read (usage rollups,
 * feature use, leads, disputes, payments, onboarding, NPS, incidents) — the score formula itself
 * never decides who churns.
 */
export type DeclineCause = "usage" | "payment" | "disputes" | "onboarding" | "support" | "nps";

/**
 * A stretch in which a tenant slips: its behaviour worsens from `from` towards `to`, when it
 * either churns (at the end of the billing period holding `to`) or recovers.
 */
export type Decline = { from: number; to: number; churns: boolean; causes: ReadonlySet<DeclineCause> };

/**
 * A tenant's latent risk: a propensity to slip (most tenants low, a few high) and the declines the
 * simulation drew from it. Noise is deliberate: some declines recover, a few tenants churn without
 * any warning (a business sold or closed), and healthy tenants have bad months too.
 */
export class TenantRisk {
  readonly declines: Decline[] = [];

  constructor(
    /** Multiplies the monthly chance of a decline starting (log-normal around 1). */
    readonly propensity: number,
    /** Onboarding never finished: the first decline starts almost at sign-up. */
    readonly stalledOnboarding: boolean,
    /** Busy and slow seasons of the business, which are not risk: usage swings ± amplitude. */
    private readonly cycle: { amplitude: number; periodDays: number; phase: number },
  ) {}

  static draw(random: Random, signedUpAt: number): TenantRisk {
    const risk = new TenantRisk(random.logNormal(1, 0.9), random.chance(0.1), {
      amplitude: random.next() * 0.4,
      periodDays: random.int(60, 240),
      phase: random.next() * 2 * Math.PI,
    });
    if (risk.stalledOnboarding) {
      const from = signedUpAt + random.int(10, 25) * DAY_MS;
      risk.declines.push({
        from,
        to: from + random.int(45, 110) * DAY_MS,
        churns: random.chance(0.65),
        causes: new Set<DeclineCause>(["onboarding", ...(random.chance(0.7) ? (["usage"] as const) : [])]),
      });
    }
    return risk;
  }

  /** Draws a new decline starting in [at, at + 30 days) with its causes. */
  startDecline(random: Random, at: number): Decline {
    const from = at + random.int(0, 29) * DAY_MS;
    const causes = new Set<DeclineCause>();
    if (random.chance(0.8)) causes.add("usage");
    if (random.chance(0.45)) causes.add("payment");
    if (random.chance(0.35)) causes.add("disputes");
    if (random.chance(0.3)) causes.add("support");
    if (random.chance(0.5)) causes.add("nps");
    if (causes.size === 0) causes.add("usage");
    // A third of declines recover: the warning signs without the churn.
    const decline = { from, to: from + random.int(50, 130) * DAY_MS, churns: random.chance(0.65), causes };
    this.declines.push(decline);
    return decline;
  }

  /** The decline in progress at `at`, if any. */
  declineAt(at: number): Decline | undefined {
    return this.declines.find((decline) => at >= decline.from && at < decline.to);
  }

  /** How far `cause` has progressed at `at`: 0 outside a decline with that cause, rising to 1 at its end. */
  level(at: number, cause: DeclineCause): number {
    const decline = this.declineAt(at);
    if (decline === undefined) return 0;
    if (!decline.causes.has(cause)) return 0;
    return Math.min(1, (at - decline.from) / Math.max(DAY_MS, decline.to - decline.from) + 0.1);
  }

  /** Share of normal product use at `at` (API requests, feature use, lead intake). */
  activity(at: number): number {
    const season =
      1 + this.cycle.amplitude * Math.sin((2 * Math.PI * at) / (this.cycle.periodDays * DAY_MS) + this.cycle.phase);
    const decline = 1 - 0.92 * Math.max(this.level(at, "usage"), 0.8 * this.level(at, "onboarding"));
    return Math.max(0.05, season * decline);
  }
}
