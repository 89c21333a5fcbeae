import { acceptStaffInvitation, ZAcceptStaffInvitation } from "@pp/core/staff/accept-staff-invitation";
import { env } from "@pp/env";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withOriginCheck, withRateLimit } from "@/lib/kit";

// POST /api/staff-invitations/accept – public: the emailed token sets the invitee's name and password and
// activates their staff membership. Limited per IP like sign-in, so tokens cannot be guessed at speed.
export const POST = compose(
  { route: "/api/staff-invitations/accept" },
  withOriginCheck({ allowedOrigins: () => [env().portalUrl] }),
  withRateLimit("auth"),
  withInput({ body: ZAcceptStaffInvitation }, { maxBytes: 8 * 1024 }),
)(async ({ body, ...ctx }) => json(await acceptStaffInvitation({ ...body, context: auditContextOf(ctx) })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
