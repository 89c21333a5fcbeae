import { listTeam } from "@pp/core/team/list-team";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withTenantAuth } from "@/lib/kit";

// GET /api/t/[slug]/team – members and pending invitations (every member may read it).
export const GET = compose(
  { route: "/api/t/[slug]/team" },
  withTenantAuth(),
)(async (ctx) => json(await listTeam({ tenantId: ctx.tenantId })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
