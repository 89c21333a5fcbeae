import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { createConnection } from "@pp/db";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { listPages } from "../tooling/routes/page-registry";
import { type BrowserSession, openBrowser } from "./harness/browser";
import { signIn } from "./harness/sign-in";

const { portalUrl, tenantUrl, databaseUrl, staff, owner } = inject("e2e");
const axeSource: string = createRequire(import.meta.url)("axe-core").source;

// Pages anyone may open; checked before signing in (signed in, some of them redirect away).
const PUBLIC = new Set(["/", "/sign-in", "/reset-password", "/accept-invitation", "/reports/unsubscribe"]);
type Violation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
};

/** axe-core in the page itself: the serious and critical violations, one line each with where they are. */
async function seriousViolations(page: Page, url: string): Promise<string[]> {
  await page.goto(url, { waitUntil: "load", timeout: 45_000 });
  // Charts and client tables settle after load; a page that keeps polling is checked as it stands.
  await page.waitForLoadState("networkidle", { timeout: 15_000 }).catch(() => undefined);
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map((node) => ({
        target: node.target,
        html: node.html.slice(0, 160),
        summary: node.failureSummary,
      })),
    }));
  });
  const found = violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.impact} ${violation.id} (${violation.help}) ×${violation.nodes.length}: ${violation.nodes
          .slice(0, 3)
          .map((node) => JSON.stringify(node.target))
          .join(", ")}`,
    );
  report[url.replace(/^https?:\/\/[^/]+/, "")] = violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.html} — ${node.summary ?? ""}`));
  return found;
}

// Every page's findings, kept for whoever reads the run (the assertion diff shows only the first few).
const report: Record<string, string[]> = {};

/** One real row per dynamic segment where the seeded data has one; otherwise the page's not-found state is checked. */
async function pageParams(): Promise<Record<string, string>> {
  const connection = createConnection(databaseUrl, 1);
  const first = async (sql: string, values: unknown[]) =>
    ((await connection.pool.query<{ id: string }>(sql, values)).rows[0]?.id as string | undefined) ??
    "00000000-0000-7000-8000-000000000000";
  try {
    return {
      slug: owner.slug,
      tenantId: owner.tenantId,
      client: owner.tenantId,
      invoice: await first("select id from invoices where tenant_id = $1 order by id limit 1", [owner.tenantId]),
      lead: await first("select id from leads where tenant_id = $1 order by id limit 1", [owner.tenantId]),
      incident: await first("select id from incidents where tenant_id = $1 order by id limit 1", [owner.tenantId]),
    };
  } finally {
    await connection.pool.end();
  }
}

/** The URL of a page template, each `[param]` filled with a real id of the kind the folder names. */
function urlOf(template: string, ids: Record<string, string>): string {
  return template.replace(/\/([^/]+)\/\[([^\]]+)\]/g, (_, folder: string, name: string) => {
    const kind =
      name === "id"
        ? { clients: "client", invoices: "invoice", incidents: "incident", leads: "lead" }[folder]
        : undefined;
    const byName: Record<string, string | undefined> = {
      slug: ids.slug,
      tenantId: ids.tenantId,
      invoiceId: ids.invoice,
      leadId: ids.lead,
      requestId: ids.incident,
      guide: "leads",
    };
    return `/${folder}/${(kind ? ids[kind] : byName[name]) ?? "missing"}`;
  });
}

const APPS = [
  {
    app: "provider-portal" as const,
    title: "Provider Portal",
    baseUrl: portalUrl,
    login: staff,
    landing: /\/provider$/,
  },
  { app: "tenant-app" as const, title: "Tenant App", baseUrl: tenantUrl, login: owner, landing: /\/t\/[^/]+$/ },
];

describe.each(APPS)(
  "accessibility of every $title page (axe-core, serious and critical)",
  ({ app, baseUrl, login, landing }) => {
    const pages = listPages(app);
    let browser: BrowserSession;
    let ids: Record<string, string> = {};

    beforeAll(async () => {
      browser = await openBrowser();
      ids = await pageParams();
    });
    afterAll(async () => {
      await browser.close();
      writeFileSync(path.join(tmpdir(), `pp-a11y-${app}.json`), `${JSON.stringify(report, null, 2)}\n`);
    });

    it.each(pages.filter((page) => PUBLIC.has(page.template)).map((page) => page.template))(
      "%s (signed out)",
      async (template) => {
        expect(await seriousViolations(browser.page, `${baseUrl}${template}`)).toEqual([]);
      },
    );

    it("signs in", async () => {
      await signIn(browser.page, baseUrl, login, landing);
    });

    it.each(pages.filter((page) => !PUBLIC.has(page.template)).map((page) => page.template))("%s", async (template) => {
      expect(await seriousViolations(browser.page, `${baseUrl}${urlOf(template, ids)}`)).toEqual([]);
    });
  },
);
