import type { HEALTH_BANDS } from "@pp/db/schema";

export type HealthBand = (typeof HEALTH_BANDS)[number];

/** What the score reads about one tenant as of one moment (health-signals.ts computes it). */
export type HealthSignals = {
  apiRequestsRecent: number;
  apiRequestsPrior: number;
  featuresUsedRecent: number;
  leadsRecent: number;
  leadsPrior: number;
  leads90d: number;
  disputes90d: number;
  overdueCents: number;
  oldestOverdueDays: number;
  failedPayments30d: number;
  onboarding: "completed" | "in_progress" | "stalled" | "not_started";
  npsPromoters: number;
  npsDetractors: number;
  npsResponses: number;
  openSev1: number;
  openSev2: number;
};

export type HealthComponentKey =
  | "apiUsageTrend"
  | "featureAdoption"
  | "leadVolume"
  | "disputeRate"
  | "paymentState"
  | "onboarding"
  | "nps"
  | "incidents";

export type HealthComponent = {
  key: HealthComponentKey;
  label: string;
  weight: number;
  /** The rule, as the Health tab and docs/health-score.md show it. */
  rule: string;
  score: (signals: HealthSignals) => { score: number; detail: string };
};

/** Features used in 30 days for full marks on adoption. */
export const ADOPTION_TARGET = 4;
const clamp = (value: number) => Math.max(0, Math.min(100, Math.round(value)));
const plural = (count: number, word: string) => `${count.toLocaleString("en-US")} ${word}${count === 1 ? "" : "s"}`;
const money = (cents: number) =>
  `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** This 30 days against the 30 before: 100 when level or up, falling in step with the drop. */
function trend(recent: number, prior: number, unit: string): { score: number; detail: string } {
  if (prior === 0) {
    return recent > 0
      ? { score: 100, detail: `${plural(recent, unit)} in 30 days, none the 30 days before` }
      : { score: 0, detail: `no ${unit}s in 60 days` };
  }
  const change = Math.round((100 * (recent - prior)) / prior);
  return {
    score: clamp((100 * recent) / prior),
    detail: `${plural(recent, unit)} in 30 days, ${change >= 0 ? "up" : "down"} ${Math.abs(change)}% on the 30 days before`,
  };
}

/**
 * The health score's components: weights (summing to 100) and rules in one table. The weights are
 * tuned against the backtest (`npm run health:backtest -- --tune` on seed:demo's history, whose
 * churn has latent causes; method and figures in docs/health-score.md) — change them only with
 * the backtest's AUC in hand.
 */
export const HEALTH_COMPONENTS: readonly HealthComponent[] = [
  {
    key: "apiUsageTrend",
    label: "API usage trend",
    weight: 20,
    rule: "API requests in the last 30 days ÷ the 30 days before × 100 (capped at 100); none in 60 days scores 0",
    score: (s) => trend(s.apiRequestsRecent, s.apiRequestsPrior, "API request"),
  },
  {
    key: "featureAdoption",
    label: "Feature adoption",
    weight: 15,
    rule: `Distinct features used in the last 30 days ÷ ${ADOPTION_TARGET} × 100 (capped at 100)`,
    score: (s) => ({
      score: clamp((100 * s.featuresUsedRecent) / ADOPTION_TARGET),
      detail: `${plural(s.featuresUsedRecent, "feature")} used in 30 days`,
    }),
  },
  {
    key: "leadVolume",
    label: "Lead volume",
    weight: 15,
    rule: "Leads received in the last 30 days ÷ the 30 days before × 100 (capped at 100); none in 60 days scores 0",
    score: (s) => trend(s.leadsRecent, s.leadsPrior, "lead"),
  },
  {
    key: "disputeRate",
    label: "Dispute rate",
    weight: 10,
    rule: "Disputes ÷ leads over 90 days: 0% scores 100, 20% or more scores 0, linear between",
    score: (s) => {
      if (s.leads90d === 0) return { score: 100, detail: "no leads to dispute in 90 days" };
      const rate = s.disputes90d / s.leads90d;
      return {
        score: clamp(100 - rate * 500),
        detail: `${plural(s.disputes90d, "dispute")} on ${plural(s.leads90d, "lead")} (${Math.round(rate * 100)}%) in 90 days`,
      };
    },
  },
  {
    key: "paymentState",
    label: "Payment state",
    weight: 5,
    rule: "Overdue 30+ days scores 0; any overdue amount 40; a failed payment in 30 days 70; else 100",
    score: (s) => {
      if (s.overdueCents > 0 && s.oldestOverdueDays >= 30) {
        return { score: 0, detail: `${money(s.overdueCents)} overdue, the oldest ${s.oldestOverdueDays} days` };
      }
      if (s.overdueCents > 0)
        return { score: 40, detail: `${money(s.overdueCents)} overdue (${s.oldestOverdueDays} days)` };
      if (s.failedPayments30d > 0)
        return { score: 70, detail: `${plural(s.failedPayments30d, "failed payment")} in 30 days` };
      return { score: 100, detail: "nothing overdue, no failed payments" };
    },
  },
  {
    key: "onboarding",
    label: "Onboarding",
    weight: 20,
    rule: "Completed 100; in progress 60; stalled (no progress in 14 days) 20; not started 0",
    score: (s) =>
      ({
        completed: { score: 100, detail: "onboarding completed" },
        in_progress: { score: 60, detail: "onboarding in progress" },
        stalled: { score: 20, detail: "onboarding stalled: no progress in 14 days" },
        not_started: { score: 0, detail: "onboarding not started" },
      })[s.onboarding],
  },
  {
    key: "nps",
    label: "NPS",
    weight: 10,
    rule: "(NPS of the last 180 days + 100) ÷ 2; no answers scores 50",
    score: (s) => {
      if (s.npsResponses === 0) return { score: 50, detail: "no NPS answers in 180 days" };
      const nps = npsOf(s.npsPromoters, s.npsDetractors, s.npsResponses);
      return { score: clamp((nps + 100) / 2), detail: `NPS ${nps} from ${plural(s.npsResponses, "answer")}` };
    },
  },
  {
    key: "incidents",
    label: "Open incidents",
    weight: 5,
    rule: "An open sev1 scores 0; an open sev2 40; none 100",
    score: (s) => {
      if (s.openSev1 > 0) return { score: 0, detail: `${plural(s.openSev1, "open sev1 incident")}` };
      if (s.openSev2 > 0) return { score: 40, detail: `${plural(s.openSev2, "open sev2 incident")}` };
      return { score: 100, detail: "no open sev1/sev2 incidents" };
    },
  },
];

/** Healthy at 70 and above, watch from 40, at risk below 40 (DESIGN.md §7). */
export const HEALTH_BAND_FLOORS = { healthy: 70, watch: 40 } as const;

export const HEALTH_BAND_LABELS: Record<HealthBand, string> = {
  healthy: "Healthy",
  watch: "Watch",
  at_risk: "At risk",
};

export function bandOf(score: number): HealthBand {
  if (score >= HEALTH_BAND_FLOORS.healthy) return "healthy";
  if (score >= HEALTH_BAND_FLOORS.watch) return "watch";
  return "at_risk";
}

/** Net Promoter Score: % promoters (9–10) − % detractors (0–6), rounded; 0 without answers. */
export function npsOf(promoters: number, detractors: number, responses: number): number {
  if (responses === 0) return 0;
  return Math.round((100 * (promoters - detractors)) / responses);
}

export type HealthBreakdown = Record<HealthComponentKey, { score: number; weight: number; detail: string }>;

/** The weighted score (0–100), its band and each component's part. */
export function scoreHealth(signals: HealthSignals): { score: number; band: HealthBand; components: HealthBreakdown } {
  const components = {} as HealthBreakdown;
  let weighted = 0;
  let weights = 0;
  for (const component of HEALTH_COMPONENTS) {
    const { score, detail } = component.score(signals);
    components[component.key] = { score, weight: component.weight, detail };
    weighted += score * component.weight;
    weights += component.weight;
  }
  const score = Math.round(weighted / weights);
  return { score, band: bandOf(score), components };
}
