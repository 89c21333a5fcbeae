import type { EmailAttachment } from "@pp/db/schema";
import { formatCents } from "../billing/billing-dates";
import { csvLines } from "../csv/stream-csv";
import { HEALTH_BAND_LABELS } from "../health/health-components";
import type { Digest } from "./build-digest";

export type RenderedDigest = {
  subject: string;
  /** The digest's content as an HTML fragment: the email's body and the preview page show this same markup. */
  bodyHtml: string;
  /** The whole email document. */
  html: string;
  text: string;
  attachments: EmailAttachment[];
};

/** How many rows of each list the email shows; the CSV attachments carry them all. */
export const DIGEST_TABLE_ROWS = 10;

const MOVEMENT_LABELS = {
  new: "New",
  expansion: "Expansion",
  reactivation: "Reactivation",
  contraction: "Contraction",
  churn: "Churn",
} as const;

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function percent(value: number | null, digits = 1): string {
  return value === null ? "—" : `${(value * 100).toFixed(digits)}%`;
}

function signedCents(cents: number): string {
  return cents > 0 ? `+${formatCents(cents)}` : formatCents(cents);
}

function signedCount(count: number): string {
  const text = count.toLocaleString("en-US");
  return count > 0 ? `+${text}` : text;
}

function dayLabel(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", {
    month: "short",
    day: "numeric",
    year: "numeric",
    timeZone: "UTC",
  });
}

const CELL = "padding:6px 8px;border-bottom:1px solid #e2e8f0;text-align:left;font-size:13px;";
const HEAD = `${CELL}color:#475569;font-weight:600;`;
const H2 = "font-size:16px;margin:24px 0 8px;color:#0f172a;";

function table(caption: string, columns: string[], rows: string[][], total: number, empty: string): string {
  if (rows.length === 0) return `<p style="font-size:13px;color:#475569;">${escapeHtml(empty)}</p>`;
  const head = columns.map((column) => `<th scope="col" style="${HEAD}">${escapeHtml(column)}</th>`).join("");
  const body = rows
    .map((row) => `<tr>${row.map((cell) => `<td style="${CELL}">${escapeHtml(cell)}</td>`).join("")}</tr>`)
    .join("");
  const more =
    total > rows.length
      ? `<p style="font-size:12px;color:#475569;">Showing ${rows.length} of ${total.toLocaleString("en-US")}; the attached CSV has all of them.</p>`
      : "";
  return `<table style="border-collapse:collapse;width:100%;"><caption style="text-align:left;font-size:12px;color:#475569;padding-bottom:4px;">${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${more}`;
}

/**
 * The digest as an email: subject, HTML, plain text and one CSV per list. Pure, so the preview
 * page and the email are the same render of the same figures.
 */
export function renderDigest(digest: Digest, options: { unsubscribeUrl?: string } = {}): RenderedDigest {
  const cadence = digest.cadence === "weekly" ? "Weekly" : "Monthly";
  const period = `${dayLabel(digest.covers.from)} – ${dayLabel(digest.covers.to)}`;
  const subject = `${cadence} digest: ${period}`;
  const { kpis, prior } = digest.revenue;

  const kpiRows: [string, string, string][] = [
    ["MRR", formatCents(kpis.mrrCents), formatCents(prior.mrrCents)],
    ["ARR", formatCents(kpis.arrCents), formatCents(prior.arrCents)],
    ["MoM growth", percent(kpis.momGrowth), percent(prior.momGrowth)],
    ["Net revenue retention", percent(kpis.nrr), percent(prior.nrr)],
    ["Paying clients", kpis.payingTenants.toLocaleString("en-US"), prior.payingTenants.toLocaleString("en-US")],
    ["Logo churn rate", percent(kpis.logoChurnRate), percent(prior.logoChurnRate)],
    ["New clients", kpis.newCustomers.toLocaleString("en-US"), prior.newCustomers.toLocaleString("en-US")],
  ];
  const movementRows = (Object.keys(MOVEMENT_LABELS) as (keyof typeof MOVEMENT_LABELS)[]).map((type) => [
    MOVEMENT_LABELS[type],
    signedCents(digest.revenue.windowMovements[type]),
  ]);
  const topMovements = [...digest.revenue.movements]
    .sort((a, b) => Math.abs(b.changeCents) - Math.abs(a.changeCents))
    .slice(0, DIGEST_TABLE_ROWS);
  const sections = [
    `<h2 style="${H2}">Revenue Intelligence</h2>`,
    table(
      `KPIs for ${digest.revenue.month} (month to date) and the month before`,
      ["KPI", digest.revenue.month, "Month before"],
      kpiRows,
      kpiRows.length,
      "",
    ),
    table(`MRR movements, ${period}`, ["Movement", "MRR change"], movementRows, movementRows.length, ""),
    table(
      "Largest movements",
      ["Client", "Movement", "Date", "MRR change"],
      topMovements.map((row) => [
        row.tenantName,
        MOVEMENT_LABELS[row.type],
        row.effectiveAt.toISOString().slice(0, 10),
        signedCents(row.changeCents),
      ]),
      digest.revenue.movements.length,
      "No MRR movements in this period.",
    ),
    `<h2 style="${H2}">Action Center</h2>`,
    table(
      "Open items by queue",
      ["Queue", "Open items"],
      digest.actionCenter.map((bucket) => [bucket.label, bucket.count.toLocaleString("en-US")]),
      digest.actionCenter.length,
      "",
    ),
    `<h2 style="${H2}">At-risk clients</h2>`,
    table(
      "Health score below 40, lowest first",
      ["Client", "Score", "Band", "Week before", "Top reason"],
      digest.atRisk
        .slice(0, DIGEST_TABLE_ROWS)
        .map((tile) => [
          tile.name,
          String(tile.score),
          HEALTH_BAND_LABELS[tile.band],
          tile.previousScore === null ? "—" : String(tile.previousScore),
          tile.topReason ?? "—",
        ]),
      digest.atRisk.length,
      "No client is at risk.",
    ),
    `<h2 style="${H2}">API usage top movers</h2>`,
    table(
      "API requests in this period against the period before, largest change first",
      ["Client", "Requests", "Period before", "Change"],
      digest.usageMovers
        .slice(0, DIGEST_TABLE_ROWS)
        .map((mover) => [
          mover.tenantName,
          mover.requests.toLocaleString("en-US"),
          mover.priorRequests.toLocaleString("en-US"),
          signedCount(mover.changeRequests),
        ]),
      digest.usageMovers.length,
      "No client's API usage changed.",
    ),
    `<h2 style="${H2}">Onboarding stalled</h2>`,
    table(
      "In progress with no step completed for over 7 days",
      ["Client", "Readiness", "Steps", "Days since sign-up"],
      digest.onboardingStalled
        .slice(0, DIGEST_TABLE_ROWS)
        .map((item) => [
          item.name,
          `${item.readinessScore}%`,
          `${item.stepsCompleted} of ${item.stepsTotal}`,
          String(item.daysSinceSignUp),
        ]),
      digest.onboardingStalled.length,
      "No onboarding is stalled.",
    ),
  ];
  const bodyHtml = `<div data-digest style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#0f172a;"><p style="font-size:14px;margin:0 0 4px;"><strong>${escapeHtml(subject)}</strong></p><p style="font-size:12px;color:#475569;margin:0;">Figures as of ${escapeHtml(digest.generatedAt.toISOString().replace("T", " ").slice(0, 16))} UTC. The full lists are attached as CSV files.</p>${sections.join("")}</div>`;
  const footer = options.unsubscribeUrl
    ? `<p style="font-size:12px;color:#475569;margin-top:24px;">You get this because you subscribed in the Provider Portal. <a href="${escapeHtml(options.unsubscribeUrl)}">Unsubscribe</a></p>`
    : "";
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${bodyHtml}${footer}</body></html>`;

  const text = [
    subject,
    "",
    "Revenue Intelligence",
    ...kpiRows.map(([label, value, before]) => `  ${label}: ${value} (month before ${before})`),
    ...movementRows.map(([label, value]) => `  ${label}: ${value}`),
    "",
    "Action Center",
    ...digest.actionCenter.map((bucket) => `  ${bucket.label}: ${bucket.count}`),
    "",
    `At-risk clients: ${digest.atRisk.length}`,
    ...digest.atRisk.slice(0, DIGEST_TABLE_ROWS).map((tile) => `  ${tile.name}: ${tile.score}`),
    "",
    `API usage top movers: ${digest.usageMovers.length}`,
    ...digest.usageMovers
      .slice(0, DIGEST_TABLE_ROWS)
      .map((mover) => `  ${mover.tenantName}: ${signedCount(mover.changeRequests)} requests`),
    "",
    `Onboarding stalled: ${digest.onboardingStalled.length}`,
    ...digest.onboardingStalled.slice(0, DIGEST_TABLE_ROWS).map((item) => `  ${item.name}: ${item.readinessScore}%`),
    "",
    "The full lists are attached as CSV files.",
    ...(options.unsubscribeUrl ? ["", `Unsubscribe: ${options.unsubscribeUrl}`] : []),
  ].join("\n");

  return { subject, bodyHtml, html, text, attachments: digestAttachments(digest) };
}

function csv(filename: string, columns: string[], rows: unknown[][]): EmailAttachment {
  return { filename, contentType: "text/csv; charset=utf-8", content: csvLines([columns, ...rows]) };
}

/** One CSV per list, every row (up to the digest's cap). */
export function digestAttachments(digest: Digest): EmailAttachment[] {
  const suffix = `${digest.covers.from}_${digest.covers.to}`;
  return [
    csv(
      `revenue-kpis_${suffix}.csv`,
      ["month", "mrr_cents", "arr_cents", "paying_clients", "new_clients", "nrr", "logo_churn_rate"],
      [digest.revenue.prior, digest.revenue.kpis].map((kpis, index) => [
        index === 1 ? digest.revenue.month : "month before",
        kpis.mrrCents,
        kpis.arrCents,
        kpis.payingTenants,
        kpis.newCustomers,
        kpis.nrr,
        kpis.logoChurnRate,
      ]),
    ),
    csv(
      `revenue-movements_${suffix}.csv`,
      [
        "effective_at",
        "client",
        "client_id",
        "type",
        "from_plan",
        "to_plan",
        "mrr_before_cents",
        "mrr_after_cents",
        "change_cents",
      ],
      digest.revenue.movements.map((row) => [
        row.effectiveAt,
        row.tenantName,
        row.tenantId,
        row.type,
        row.fromPlan,
        row.toPlan,
        row.mrrBeforeCents,
        row.mrrAfterCents,
        row.changeCents,
      ]),
    ),
    csv(
      `action-center_${suffix}.csv`,
      ["queue", "open_items"],
      digest.actionCenter.map((bucket) => [bucket.bucket, bucket.count]),
    ),
    csv(
      `at-risk-clients_${suffix}.csv`,
      ["client", "client_id", "score", "band", "score_week_before", "top_reason", "csm", "plan"],
      digest.atRisk.map((tile) => [
        tile.name,
        tile.tenantId,
        tile.score,
        tile.band,
        tile.previousScore,
        tile.topReason,
        tile.csmName,
        tile.planName,
      ]),
    ),
    csv(
      `api-usage-movers_${suffix}.csv`,
      ["client", "client_id", "requests", "requests_period_before", "change", "error_rate"],
      digest.usageMovers.map((mover) => [
        mover.tenantName,
        mover.tenantId,
        mover.requests,
        mover.priorRequests,
        mover.changeRequests,
        mover.errorRate,
      ]),
    ),
    csv(
      `onboarding-stalled_${suffix}.csv`,
      ["client", "client_id", "readiness_score", "steps_completed", "steps_total", "signed_up_at", "last_progress_at"],
      digest.onboardingStalled.map((item) => [
        item.name,
        item.tenantId,
        item.readinessScore,
        item.stepsCompleted,
        item.stepsTotal,
        item.signedUpAt,
        item.lastProgressAt,
      ]),
    ),
  ];
}
