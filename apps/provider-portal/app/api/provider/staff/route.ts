import { listStaff } from "@pp/core/staff/list-staff";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZListStaffQuery } from "./schema";

// GET /api/provider/staff – provider staff A→Z with role, status and inviter; filters and cursor pagination.
export const GET = compose(
  { route: "/api/provider/staff" },
  withProviderAuth("staff:read"),
  withInput({ query: ZListStaffQuery }),
)(async ({ query }) => json(await listStaff(query)));
