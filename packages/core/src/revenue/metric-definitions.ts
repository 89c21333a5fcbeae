import { LTV_CAP_MONTHS } from "./ledger-math";

/**
 * Each revenue KPI's label and how it is computed, in words: the KPI cards show these and
 * docs/revenue-metrics.md mirrors them. Every figure derives from the MRR ledger (subscription_events).
 */
export const REVENUE_METRICS = {
  mrr: {
    label: "MRR",
    definition:
      "Sum of each subscription's latest MRR in the ledger at the period end (trials and lead charges excluded; forever coupons taken off).",
  },
  arr: { label: "ARR", definition: "MRR × 12." },
  momGrowth: { label: "MoM growth", definition: "Last month of the period: (end MRR − start MRR) ÷ start MRR." },
  nrr: {
    label: "NRR",
    definition: "Clients paying at the period start: their MRR at the end ÷ their MRR at the start (expansion counts).",
  },
  grr: {
    label: "GRR",
    definition: "Same clients, each capped at its starting MRR: what was kept ÷ the start, without expansion.",
  },
  arpu: { label: "ARPU", definition: "MRR ÷ clients paying at the period end." },
  logoChurn: {
    label: "Logo churn",
    definition: "Share of the clients paying at the period start who pay nothing at its end.",
  },
  revenueChurn: { label: "Revenue churn", definition: "1 − GRR: starting MRR lost to contraction and churn." },
  quickRatio: {
    label: "Quick Ratio",
    definition: "(new + expansion + reactivation) ÷ (contraction + churn) over the period.",
  },
  ltv: {
    label: "LTV",
    definition: `ARPU ÷ average monthly revenue churn; capped at ${LTV_CAP_MONTHS} months of ARPU (and labelled) when nothing churned.`,
  },
  ltvToCac: {
    label: "LTV:CAC",
    definition: "LTV ÷ CAC, where CAC = acquisition spend in the period ÷ clients who first paid in it.",
  },
  usageRevenue: {
    label: "Usage revenue",
    definition: "Per-lead charges net of lead credits on the period's invoices — beside MRR, never in it.",
  },
} as const satisfies Record<string, { label: string; definition: string }>;

export type RevenueMetricKey = keyof typeof REVENUE_METRICS;
