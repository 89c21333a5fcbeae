import { acceptTenantInvitation, ZAcceptTenantInvitation } from "@pp/core/team/accept-tenant-invitation";
import { env } from "@pp/env";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withOriginCheck, withRateLimit } from "@/lib/kit";

// POST /api/team-invitations/accept – public: the emailed token adds the invitee to the team (a new user
// chooses name and password here). Limited per IP like sign-in, so tokens cannot be guessed at speed.
export const POST = compose(
  { route: "/api/team-invitations/accept" },
  withOriginCheck({ allowedOrigins: () => [env().tenantAppUrl] }),
  withRateLimit("auth"),
  withInput({ body: ZAcceptTenantInvitation }, { maxBytes: 8 * 1024 }),
)(async ({ body, ...ctx }) => json(await acceptTenantInvitation({ ...body, context: auditContextOf(ctx) })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
