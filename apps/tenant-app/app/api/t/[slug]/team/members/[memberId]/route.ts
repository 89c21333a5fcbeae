import { changeMemberRole, ZChangeMemberRole } from "@pp/core/team/change-member-role";
import { removeMember } from "@pp/core/team/remove-member";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { z } from "zod";
import { compose, json, noContent, withInput, withTenantAuth } from "@/lib/kit";

const ZMemberParams = z.object({ slug: z.string(), memberId: z.string() });

// PATCH /api/t/[slug]/team/members/[memberId] – change a member's role (never the last owner's); owners only.
export const PATCH = compose(
  { route: "/api/t/[slug]/team/members/[memberId]" },
  withTenantAuth({ role: "owner" }),
  withInput({ params: ZMemberParams, body: ZChangeMemberRole }),
)(async (ctx) =>
  json(
    await changeMemberRole({
      tenantId: ctx.tenantId,
      actor: ctx.actor,
      memberId: ctx.params.memberId,
      role: ctx.body.role,
      context: auditContextOf(ctx),
    }),
  ),
);

// DELETE /api/t/[slug]/team/members/[memberId] – remove a member from the team (never the last owner); owners only.
export const DELETE = compose(
  { route: "/api/t/[slug]/team/members/[memberId]" },
  withTenantAuth({ role: "owner" }),
  withInput({ params: ZMemberParams }),
)(async (ctx) => {
  await removeMember({
    tenantId: ctx.tenantId,
    actor: ctx.actor,
    memberId: ctx.params.memberId,
    context: auditContextOf(ctx),
  });
  return noContent();
});

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, POST, PUT, OPTIONS } = methodNotAllowed({ PATCH, DELETE });
