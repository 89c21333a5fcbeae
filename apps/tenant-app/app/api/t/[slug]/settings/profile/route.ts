import { ZCompanyProfile } from "@pp/core/settings/company-profile";
import { getCompanyProfile } from "@pp/core/settings/get-company-profile";
import { updateCompanyProfile } from "@pp/core/settings/update-company-profile";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withTenantAuth } from "@/lib/kit";

// GET /api/t/[slug]/settings/profile – the company profile (every member may read it).
export const GET = compose(
  { route: "/api/t/[slug]/settings/profile" },
  withTenantAuth(),
)(async (ctx) => json(await getCompanyProfile({ tenantId: ctx.tenantId })));

// PUT /api/t/[slug]/settings/profile – replace the company profile; owners only, audited with before/after.
export const PUT = compose(
  { route: "/api/t/[slug]/settings/profile" },
  withTenantAuth({ role: "owner" }),
  withInput({ body: ZCompanyProfile }),
)(async (ctx) =>
  json(
    await updateCompanyProfile({
      tenantId: ctx.tenantId,
      actor: ctx.actor,
      profile: ctx.body,
      context: auditContextOf(ctx),
    }),
  ),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET, PUT });
