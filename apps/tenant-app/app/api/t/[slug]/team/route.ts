import { listTeam } from "@pp/core/team/list-team";
import { compose, json, withTenantAuth } from "@/lib/kit";

// GET /api/t/[slug]/team – members and pending invitations (every member may read it).
export const GET = compose(
  { route: "/api/t/[slug]/team" },
  withTenantAuth(),
)(async (ctx) => json(await listTeam({ tenantId: ctx.tenantId })));
