// The pages bench:pages fetches: every page of the portal's registry, each tab and sub-page, and
// every page with an id opened on its largest subject (the client with the most leads, the invoice
// with the most lines, the incident with the longest timeline), so a page that grows with its data
// is measured where it is biggest.
import { readdirSync } from "node:fs";
import path from "node:path";
import type { Executor } from "@pp/db";
import { sql } from "drizzle-orm";
import { NAVIGATION } from "../../apps/provider-portal/lib/navigation";
import { ROOT } from "../../scripts/lib/apps";

export type BenchSubjects = {
  /** The client with the most leads. */
  tenantId: string;
  leadId: string;
  invoiceId: string;
  incidentId: string | null;
  /** A tenant with a started checklist. */
  onboardingTenantId: string | null;
  oidcConnectionId: string | null;
};

/** A page to fetch, and the page file (`/provider/clients/[id]`) it stands for. */
export type BenchPath = { route: string; path: string };

async function firstId(executor: Executor, query: ReturnType<typeof sql>): Promise<string | null> {
  const result = await executor.execute<{ id: string }>(query);
  return result.rows[0]?.id ?? null;
}

export async function findSubjects(executor: Executor): Promise<BenchSubjects> {
  const tenantId = await firstId(
    executor,
    sql`select tenant_id as id from leads group by tenant_id order by count(*) desc, tenant_id limit 1`,
  );
  const leadId = await firstId(executor, sql`select id from leads order by received_at desc, id desc limit 1`);
  const invoiceId = await firstId(
    executor,
    sql`select invoice_id as id from invoice_lines group by invoice_id order by count(*) desc, invoice_id limit 1`,
  );
  if (!tenantId || !leadId || !invoiceId) throw new Error("the database has no leads or invoices: seed it first");
  return {
    tenantId,
    leadId,
    invoiceId,
    incidentId: await firstId(
      executor,
      sql`select incident_id as id from incident_events group by incident_id order by count(*) desc, incident_id limit 1`,
    ),
    onboardingTenantId: await firstId(
      executor,
      sql`select tenant_id as id from tenant_onboarding order by started_at desc nulls last, tenant_id limit 1`,
    ),
    oidcConnectionId: await firstId(executor, sql`select id from oidc_connections order by created_at limit 1`),
  };
}

export function benchPaths(subjects: BenchSubjects): BenchPath[] {
  const registry = NAVIGATION.filter((item) => item.built).map((item) => ({ route: item.href, path: item.href }));
  const client = `/provider/clients/${subjects.tenantId}`;
  const byId: (BenchPath | null)[] = [
    { route: "/provider/clients/[id]", path: client },
    { route: "/provider/clients/[id]/tasks", path: `${client}/tasks` },
    { route: "/provider/clients/[id]/notes", path: `${client}/notes` },
    { route: "/provider/clients/[id]/billing", path: `${client}/billing` },
    { route: "/provider/clients/[id]/usage", path: `${client}/usage` },
    { route: "/provider/clients/[id]/health", path: `${client}/health` },
    { route: "/provider/leads/[id]", path: `/provider/leads/${subjects.leadId}` },
    { route: "/provider/billing/invoices/[id]", path: `/provider/billing/invoices/${subjects.invoiceId}` },
    subjects.incidentId
      ? { route: "/provider/incidents/[id]", path: `/provider/incidents/${subjects.incidentId}` }
      : null,
    subjects.onboardingTenantId
      ? {
          route: "/provider/tenant-onboarding/[tenantId]",
          path: `/provider/tenant-onboarding/${subjects.onboardingTenantId}`,
        }
      : null,
  ];
  const tabs: BenchPath[] = [
    { route: "/provider/leads", path: "/provider/leads?tab=disputes" },
    { route: "/provider/leads", path: `/provider/leads?tenantId=${subjects.tenantId}` },
    { route: "/provider/billing", path: "/provider/billing?tab=retries" },
    { route: "/provider/api-usage", path: `/provider/api-usage?tenantId=${subjects.tenantId}` },
    { route: "/provider/tenant-onboarding", path: "/provider/tenant-onboarding?status=completed" },
    { route: "/provider/tenant-health/playbooks", path: "/provider/tenant-health/playbooks" },
    { route: "/provider/incidents/new", path: "/provider/incidents/new" },
    { route: "/provider/integrations/oidc", path: "/provider/integrations/oidc" },
    { route: "/provider/integrations/providers", path: "/provider/integrations/providers" },
    {
      route: "/provider/integrations/test",
      path: `/provider/integrations/test${subjects.oidcConnectionId ? `?connectionId=${subjects.oidcConnectionId}` : ""}`,
    },
    { route: "/provider/security/audit", path: "/provider/security/audit" },
    { route: "/provider/security/staff", path: "/provider/security/staff" },
  ];
  // What the pages call from the browser as the user works: the client pickers' search (opened
  // empty, then typed into) and the lead list's JSON.
  const api: BenchPath[] = [
    { route: "api", path: "/api/provider/tenants/search?limit=10" },
    { route: "api", path: "/api/provider/tenants/search?q=plumb&limit=10" },
    { route: "api", path: "/api/provider/leads" },
    { route: "api", path: `/api/provider/leads?tenantId=${subjects.tenantId}` },
  ];
  return [...registry, ...tabs, ...byId.filter((entry) => entry !== null), ...api];
}

/** Every page file of the portal under app/provider, as its route (`/provider/clients/[id]`). */
export function portalPageRoutes(): string[] {
  const appDir = path.join(ROOT, "apps/provider-portal/app");
  const routes: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "page.tsx") routes.push(`/${path.relative(appDir, dir).split(path.sep).join("/")}`);
    }
  };
  walk(path.join(appDir, "provider"));
  return routes.sort();
}

/** The page files no bench path stands for (the bench refuses to run while any is left out). */
export function uncoveredRoutes(paths: readonly BenchPath[]): string[] {
  const covered = new Set(paths.map((entry) => entry.route));
  return portalPageRoutes().filter((route) => !covered.has(route));
}
