import { getOnboarding } from "@pp/core/onboarding/get-onboarding";
import { saveOnboarding } from "@pp/core/onboarding/save-onboarding";
import { auditContextOf } from "@pp/http/audit-context";
import { compose, json, withInput, withTenantAuth } from "@/lib/kit";
import { ZSaveOnboarding } from "./schema";

// GET /api/t/[slug]/onboarding – the tenant's onboarding checklist (every member may read it).
export const GET = compose(
  { route: "/api/t/[slug]/onboarding" },
  withTenantAuth(),
)(async (ctx) => json(await getOnboarding({ tenantId: ctx.tenantId })));

// PUT /api/t/[slug]/onboarding – owners save or complete their own steps; 409 on a stale version.
export const PUT = compose(
  { route: "/api/t/[slug]/onboarding" },
  withTenantAuth({ role: "owner" }),
  withInput({ body: ZSaveOnboarding }),
)(async (ctx) =>
  json(await saveOnboarding({ ...ctx.body, tenantId: ctx.tenantId, actor: ctx.actor, context: auditContextOf(ctx) })),
);
