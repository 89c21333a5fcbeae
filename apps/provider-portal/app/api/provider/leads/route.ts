import { listProviderLeads } from "@pp/core/leads/list-provider-leads";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZListLeadsQuery } from "./schema";

// GET /api/provider/leads – leads across clients, newest first; filters (client, status, source, category, dispute, dates) and cursor.
export const GET = compose(
  { route: "/api/provider/leads" },
  withProviderAuth("leads:read"),
  withInput({ query: ZListLeadsQuery }),
)(async ({ query }) => json(await listProviderLeads(query)));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
