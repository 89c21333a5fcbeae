import { listStaff } from "@pp/core/staff/list-staff";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZListStaffQuery } from "./schema";

// GET /api/provider/staff – provider staff A→Z with role, status and inviter; filters and cursor pagination.
export const GET = compose(
  { route: "/api/provider/staff" },
  withProviderAuth("staff:read"),
  withInput({ query: ZListStaffQuery }),
)(async ({ query }) => json(await listStaff(query)));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
