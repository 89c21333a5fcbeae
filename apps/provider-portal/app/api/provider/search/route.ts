import { searchTenants } from "@pp/core/tenants/search-tenants";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZSearchQuery } from "./schema";

// GET /api/provider/search?q= – up to 8 tenants by name or slug for the command palette, and how many match in all.
export const GET = compose(
  { route: "/api/provider/search" },
  withProviderAuth("tenants:read"),
  withInput({ query: ZSearchQuery }),
)(async ({ query }) => json(await searchTenants({ query: query.q })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
