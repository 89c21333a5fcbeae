import { LTV_CAP_MONTHS } from "./ledger-math";

/**
 * How each revenue figure is computed, in words: shown under every KPI card and mirrored in
 * docs/revenue-metrics.md. Every figure derives from the MRR ledger (subscription_events).
 */
export const REVENUE_METRIC_DEFINITIONS = {
  mrr: "Sum of each subscription's latest MRR in the ledger at the period end (trials and lead charges excluded; forever coupons taken off).",
  arr: "MRR × 12.",
  momGrowth: "Last month of the period: (end MRR − start MRR) ÷ start MRR.",
  nrr: "Clients paying at the period start: their MRR at the end ÷ their MRR at the start (expansion counts).",
  grr: "Same clients, each capped at its starting MRR: what was kept ÷ the start, without expansion.",
  arpu: "MRR ÷ clients paying at the period end.",
  logoChurn: "Share of the clients paying at the period start who pay nothing at its end.",
  revenueChurn: "1 − GRR: starting MRR lost to contraction and churn.",
  quickRatio: "(new + expansion + reactivation) ÷ (contraction + churn) over the period.",
  ltv: `ARPU ÷ average monthly revenue churn; capped at ${LTV_CAP_MONTHS} months of ARPU (and labelled) when nothing churned.`,
  ltvToCac: "LTV ÷ CAC, where CAC = acquisition spend in the period ÷ clients who first paid in it.",
  usageRevenue: "Per-lead charges net of lead credits on the period's invoices — beside MRR, never in it.",
} as const;

export type RevenueMetricKey = keyof typeof REVENUE_METRIC_DEFINITIONS;
