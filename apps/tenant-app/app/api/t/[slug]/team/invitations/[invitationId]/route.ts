import { revokeInvitation } from "@pp/core/team/revoke-invitation";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { z } from "zod";
import { compose, noContent, withInput, withTenantAuth } from "@/lib/kit";

const ZInvitationParams = z.object({ slug: z.string(), invitationId: z.string() });

// DELETE /api/t/[slug]/team/invitations/[invitationId] – revoke an invitation not yet accepted; owners only.
export const DELETE = compose(
  { route: "/api/t/[slug]/team/invitations/[invitationId]" },
  withTenantAuth({ role: "owner" }),
  withInput({ params: ZInvitationParams }),
)(async (ctx) => {
  await revokeInvitation({
    tenantId: ctx.tenantId,
    actor: ctx.actor,
    invitationId: ctx.params.invitationId,
    context: auditContextOf(ctx),
  });
  return noContent();
});

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = methodNotAllowed({ DELETE });
