import { searchTenants } from "@pp/core/tenants/search-tenants";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZTenantSearchQuery } from "./schema";

// GET /api/provider/tenants/search?q= – a page of tenants by name or slug for client pickers, with the total.
export const GET = compose(
  { route: "/api/provider/tenants/search" },
  withProviderAuth("tenants:read"),
  withInput({ query: ZTenantSearchQuery }),
)(async ({ query }) =>
  json(await searchTenants({ query: query.q, cursor: query.cursor, limit: query.limit, excludeChurned: query.active })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
