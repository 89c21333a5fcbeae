import { listProviderLeads } from "@pp/core/leads/list-provider-leads";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZListLeadsQuery } from "./schema";

// GET /api/provider/leads – leads across clients, newest first; filters (client, status, source, category, dispute, dates) and cursor.
export const GET = compose(
  { route: "/api/provider/leads" },
  withProviderAuth("leads:read"),
  withInput({ query: ZListLeadsQuery }),
)(async ({ query }) => json(await listProviderLeads(query)));
