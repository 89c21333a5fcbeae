import { listOidcConnectionTests } from "@pp/core/federation/list-oidc-connection-tests";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZOidcConnectionParams, ZOidcConnectionTestsQuery } from "../../schema";

// GET /api/federation/oidc/[id]/tests – a connection's test history, newest first.
export const GET = compose(
  { route: "/api/federation/oidc/[id]/tests" },
  withProviderAuth("federation:read"),
  withInput({ params: ZOidcConnectionParams, query: ZOidcConnectionTestsQuery }),
)(async ({ params, query }) => json(await listOidcConnectionTests({ connectionId: params.id, limit: query.limit })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
