import { listTenants } from "@pp/core/tenants/list-tenants";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZListTenantsQuery } from "./schema";

// GET /api/provider/tenants – the Clients list as JSON: filters, sort, cursor pagination.
export const GET = compose(
  { route: "/api/provider/tenants" },
  withProviderAuth("tenants:read"),
  withInput({ query: ZListTenantsQuery }),
)(async ({ query }) => json(await listTenants(query)));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
