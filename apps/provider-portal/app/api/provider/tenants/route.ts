import { listTenants } from "@pp/core/tenants/list-tenants";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZListTenantsQuery } from "./schema";

// GET /api/provider/tenants – the Clients list as JSON: filters, sort, cursor pagination.
export const GET = compose(
  { route: "/api/provider/tenants" },
  withProviderAuth("tenants:read"),
  withInput({ query: ZListTenantsQuery }),
)(async ({ query }) => json(await listTenants(query)));
