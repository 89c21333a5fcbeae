import { verifyConnectionDomain } from "@pp/core/federation/verify-connection-domain";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZOidcConnectionParams, ZVerifyConnectionDomainBody } from "../../../schema";

// POST /api/federation/oidc/[id]/domains/verify – check the domain's DNS TXT proof; once found, SSO may provision users from it.
export const POST = compose(
  { route: "/api/federation/oidc/[id]/domains/verify" },
  withProviderAuth("federation:manage"),
  withIdempotency(),
  withInput({ params: ZOidcConnectionParams, body: ZVerifyConnectionDomainBody }),
)(async ({ params, body, actor, ...ctx }) =>
  json(
    await verifyConnectionDomain({
      connectionId: params.id,
      domain: body.domain,
      actor,
      context: auditContextOf(ctx),
    }),
  ),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
