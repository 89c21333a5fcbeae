import { inviteMember, ZInviteMember } from "@pp/core/team/invite-member";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
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

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
