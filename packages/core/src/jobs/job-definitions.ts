import type PgBoss from "pg-boss";
import { evaluateAlerts } from "../alerts/evaluate-alerts";
import { runPaymentRetries } from "../billing/run-payment-retries";
import { computeHealthScores } from "../health/compute-health-scores";
import { cardCharger } from "../payments/charge-invoice-by-card";
import { chargeNewInvoices } from "../payments/charge-new-invoices";
import { processStripeWebhooks } from "../payments/process-stripe-webhooks";
import { sendDueDigests } from "../reports/send-digest";
import { writeMetricsSnapshots } from "../revenue/write-metrics-snapshots";
import { applyUsageRetention } from "../usage/retention-api-usage";
import { rollupRecentApiUsage } from "../usage/rollup-recent-api-usage";
import { issueDueInvoices } from "./issue-due-invoices";

export type JobDefinition = {
  name: string;
  /** Cron in UTC (minute hour day-of-month month day-of-week). */
  cron: string;
  description: string;
  /** Also sent once when the runtime starts, so a fresh deployment does not wait for the first tick. */
  runOnStart?: boolean;
  /** Longest a run may take before pg-boss expires it and retries. */
  expireInSeconds: number;
  /** Log a finished run at debug instead of info (jobs that run every minute). */
  quiet?: boolean;
  run: () => Promise<unknown>;
};

/**
 * Every background job: name, schedule, and the domain function it runs. Each one is idempotent, so
 * a retry after a crash or a second instance picking up a job never doubles an effect.
 * Documented in docs/architecture.md ("Jobs").
 */
export const JOB_DEFINITIONS: readonly JobDefinition[] = [
  {
    name: "billing.issue-invoices",
    // Daily: subscriptions renew on their own anniversary, so each invoice goes out on its period-end day.
    cron: "5 0 * * *",
    description: "Issues the invoice of every subscription whose monthly (or yearly) period has ended",
    expireInSeconds: 60 * 60,
    run: () => issueDueInvoices(),
  },
  {
    name: "billing.payment-retries",
    cron: "0 6 * * *",
    description: "Payment Retries: retries overdue invoices on schedule, reminders, uncollectible, cancel",
    expireInSeconds: 60 * 60,
    // The saved card when Stripe is configured (core/payments), else every retry fails as before.
    run: () => runPaymentRetries({ chargeInvoice: cardCharger() }),
  },
  {
    name: "metrics.snapshot",
    // After the invoice job (00:05) and the usage rollups of the closed day.
    cron: "20 0 * * *",
    description: "Writes yesterday's metrics_snapshots (platform and per tenant) that Revenue Intelligence reads",
    expireInSeconds: 30 * 60,
    run: () => {
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      return writeMetricsSnapshots({ from: yesterday, to: yesterday });
    },
  },
  {
    name: "usage.rollup",
    cron: "* * * * *",
    description: "Recomputes the hourly api_usage_rollups of the hours touched since the last run",
    runOnStart: true,
    quiet: true,
    expireInSeconds: 15 * 60,
    run: () => rollupRecentApiUsage(),
  },
  {
    name: "usage.retention",
    cron: "30 0 * * *",
    description: "Creates raw partitions ahead, drops raw days past USAGE_RAW_RETENTION_DAYS, rollups past 2 years",
    runOnStart: true,
    expireInSeconds: 30 * 60,
    run: () => applyUsageRetention(),
  },
  {
    name: "success.health-scores",
    // Nightly, after invoices and usage retention; also at start so a new deployment has tiles.
    cron: "15 1 * * *",
    description: "Computes every client's health score (with its component breakdown) for today",
    runOnStart: true,
    expireInSeconds: 30 * 60,
    run: () => computeHealthScores(),
  },
  {
    name: "alerts.evaluate",
    cron: "* * * * *",
    description:
      "SLO burn-rate and 401/403/429 spike alerts: opens new ones once, resolves cleared ones, emails subscribers",
    quiet: true,
    expireInSeconds: 5 * 60,
    run: () => evaluateAlerts(),
  },
  {
    name: "payments.stripe-webhooks",
    // Also sent the moment an event arrives (POST /api/webhooks/stripe); the schedule catches what that missed.
    cron: "* * * * *",
    description:
      "Applies stored Stripe webhook events (payments, refunds, chargebacks, saved cards); no-op without Stripe",
    quiet: true,
    expireInSeconds: 10 * 60,
    run: () => processStripeWebhooks(),
  },
  {
    name: "payments.charge-new-invoices",
    cron: "*/5 * * * *",
    description: "Charges newly issued invoices to the tenant's saved card once; no-op without Stripe",
    quiet: true,
    expireInSeconds: 15 * 60,
    run: () => chargeNewInvoices(),
  },
  {
    name: "reports.send-digests",
    // Every 15 minutes: a subscriber's local send hour starts on the hour in any zone, half- and
    // quarter-hour offsets (India, Nepal) included; each period's digest goes out once.
    cron: "*/15 * * * *",
    description: "Queues each subscriber's weekly or monthly digest once its local send time has come",
    quiet: true,
    expireInSeconds: 15 * 60,
    run: () => sendDueDigests(),
  },
];

/** One running and at most one waiting job per queue: a slow run never piles up a backlog. */
export const JOB_QUEUE_POLICY: PgBoss.QueuePolicy = "stately";
