import type { ActionBucket } from "@pp/core/action-center/buckets";
import { ListEmptyState } from "@pp/ui/empty-state";
import { formatPercent } from "@pp/ui/format";
import { CheckCircle2 } from "lucide-react";
import type { QueueRules } from "./queue-item";

/** Why a queue is empty, in the words of the rule that fills it (values from core, via the page). */
export function emptyQueueCopy(bucket: ActionBucket, rules: QueueRules): { title: string; description: string } {
  switch (bucket) {
    case "disputesPending":
      return {
        title: "No disputes waiting",
        description: "When a client disputes a lead it lands here with its decision deadline.",
      };
    case "invoicesOverdue":
      return { title: "No overdue invoices", description: "Every issued invoice is paid or not yet due." };
    case "paymentsFailed":
      return {
        title: "No failed payments",
        description: `Failed charges from the last ${rules.failedPaymentLookbackDays} days show here while Payment Retries run.`,
      };
    case "chargebacks":
      return {
        title: "No open card chargebacks",
        description:
          "When a client's bank disputes a card payment, Stripe tells us and it shows here until the bank decides.",
      };
    case "subsExpiring":
      return {
        title: "Nothing expiring soon",
        description: `Trials ending within ${rules.trialEndingDays} days and cancellations within ${rules.cancellationDays} days show here.`,
      };
    case "slaBreaches":
      return {
        title: "Every incident is inside its SLA",
        description: `Incidents past ${formatPercent(rules.slaWarningShare)} of their SLA show here.`,
      };
    case "tenantsAtRisk":
      return {
        title: "No clients at risk",
        description: `Clients past due, ${rules.atRiskOverdueDays}+ days overdue, with usage below ${formatPercent(rules.usageDropShare)} of the period before or a serious open incident show here.`,
      };
    case "rateLimitAlerts":
      return {
        title: "No rate-limit alerts",
        description: `Clients whose busiest minute reached ${formatPercent(rules.rateLimitWarningShare)} of their API limit or who got 429s in the last 24 hours show here.`,
      };
  }
}

export function EmptyQueue({
  bucket,
  rules,
  filtering,
  clearHref,
}: {
  bucket: ActionBucket;
  rules: QueueRules;
  filtering: boolean;
  clearHref: string;
}) {
  return (
    <ListEmptyState
      filtered={filtering}
      clearHref={clearHref}
      filteredDescription="Try fewer filters, or clear them to see the whole queue."
      icon={<CheckCircle2 />}
      {...emptyQueueCopy(bucket, rules)}
    />
  );
}
