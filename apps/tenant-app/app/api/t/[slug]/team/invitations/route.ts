import { inviteMember, ZInviteMember } from "@pp/core/team/invite-member";
import { auditContextOf } from "@pp/http/audit-context";
import { compose, created, withIdempotency, withInput, withTenantAuth } from "@/lib/kit";

// POST /api/t/[slug]/team/invitations – invite (or re-invite) someone by email with a role; owners only.
export const POST = compose(
  { route: "/api/t/[slug]/team/invitations" },
  withTenantAuth({ role: "owner" }),
  withIdempotency(),
  withInput({ body: ZInviteMember }),
)(async (ctx) =>
  created(await inviteMember({ ...ctx.body, tenantId: ctx.tenantId, actor: ctx.actor, context: auditContextOf(ctx) })),
);
