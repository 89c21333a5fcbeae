import { randomUUID } from "node:crypto";
import { db } from "@pp/db";
import { createLead, createMember, createTenant, ensureReferenceData } from "@pp/db/factories";
import { apiKeys, tenantInvitations } from "@pp/db/schema";
import { env, resetEnv } from "@pp/env";
import { signInCookie } from "@pp/http/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { exportedMethods, fillTemplate, listRouteFiles, paramNames, type RouteModule } from "./route-registry";

const routes = listRouteFiles("tenant-app").filter((route) => route.template.startsWith("/api/t/[slug]"));

type Workspace = { slug: string; ids: Record<string, string> };
let mine: Workspace;
let theirs: Workspace;
let cookie = "";

/** A tenant with one row of each kind a tenant route can name by id. */
async function createWorkspace(ownerPassword?: string, ownerEmail?: string): Promise<Workspace> {
  const tenant = await createTenant(db, {});
  const owner = await createMember(db, {
    tenantId: tenant.id,
    role: "owner",
    email: ownerEmail,
    password: ownerPassword,
  });
  const technician = await createMember(db, { tenantId: tenant.id, role: "technician" });
  const lead = await createLead(db, { tenantId: tenant.id });
  const [invitation] = await db
    .insert(tenantInvitations)
    .values({
      tenantId: tenant.id,
      email: `invitee-${randomUUID()}@example.test`,
      role: "dispatcher",
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    .returning();
  const [apiKey] = await db
    .insert(apiKeys)
    .values({
      tenantId: tenant.id,
      name: "isolation",
      prefix: `pp_test_${randomUUID().slice(0, 8)}`,
      hash: randomUUID(),
    })
    .returning();
  return {
    slug: tenant.slug,
    ids: {
      // Route params named by what they hold; `[id]` routes today are API keys.
      id: apiKey?.id ?? "",
      leadId: lead.id,
      memberId: technician.membership.id,
      invitationId: invitation?.id ?? "",
      ownerMemberId: owner.membership.id,
    },
  };
}

beforeAll(async () => {
  process.env.AUTH_SECRET = "tenant-isolation-test-secret-of-enough-length";
  resetEnv();
  await ensureReferenceData(db);
  const email = `owner-${randomUUID().slice(0, 8)}@isolation.test`;
  mine = await createWorkspace("correct-horse-battery", email);
  theirs = await createWorkspace();
  const { getAuth } = await import("../../apps/tenant-app/lib/auth");
  cookie = await signInCookie(getAuth(), email, "correct-horse-battery");
}, 60_000);

async function call(module: RouteModule, method: keyof RouteModule, template: string, params: Record<string, string>) {
  const handler = module[method];
  if (!handler) throw new Error(`${template} has no ${method}`);
  const hasBody = method !== "GET" && method !== "DELETE";
  const response = await handler(
    new Request(`${env().tenantAppUrl}${fillTemplate(template, params)}`, {
      method,
      headers: { cookie, origin: env().tenantAppUrl, ...(hasBody ? { "content-type": "application/json" } : {}) },
      body: hasBody ? "{}" : undefined,
    }),
    { params: Promise.resolve(params) },
  );
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
  return { status: response.status, code: body.error?.code };
}

/** Another tenant's id for a param, or a fresh random id when `random`. */
function idFor(name: string, workspace: Workspace | null): string {
  if (!workspace) return randomUUID();
  return workspace.ids[name] ?? workspace.ids.leadId ?? randomUUID();
}

describe("every tenant route with another tenant's slug or ids", () => {
  it("finds the routes on disk", () => {
    expect(routes.length).toBeGreaterThan(3);
  });

  for (const route of routes) {
    for (const { method } of exportedMethods(route)) {
      it(`${method} ${route.template} answers another tenant exactly as it answers nothing`, async () => {
        const module = (await import(/* @vite-ignore */ route.file)) as RouteModule;
        const names = paramNames(route.template).filter((name) => name !== "slug");

        // Another tenant's workspace: 404, the same as a workspace that does not exist.
        const otherSlug = Object.fromEntries(names.map((name) => [name, idFor(name, theirs)]));
        const viaOther = await call(module, method, route.template, { slug: theirs.slug, ...otherSlug });
        const viaMissing = await call(module, method, route.template, {
          slug: `no-such-${randomUUID().slice(0, 8)}`,
          ...otherSlug,
        });
        expect(viaOther).toEqual({ status: 404, code: "not_found" });
        expect(viaMissing).toEqual(viaOther);

        // Our workspace, their row ids: indistinguishable from ids that exist nowhere.
        if (names.length > 0) {
          const theirIds = Object.fromEntries(names.map((name) => [name, idFor(name, theirs)]));
          const noIds = Object.fromEntries(names.map((name) => [name, idFor(name, null)]));
          const withTheirIds = await call(module, method, route.template, { slug: mine.slug, ...theirIds });
          const withNoIds = await call(module, method, route.template, { slug: mine.slug, ...noIds });
          expect(withTheirIds).toEqual(withNoIds);
          expect([400, 404]).toContain(withTheirIds.status);
        }
      });
    }
  }
});
