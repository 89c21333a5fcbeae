import { env } from "@pp/env";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json } from "@/lib/kit";
import { buildOpenApiDocument } from "../openapi";

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

// GET /api/v1/openapi.json – the public API's OpenAPI 3.1 document (public, no key), built from the route schemas.
export const GET = compose({ route: "/api/v1/openapi.json" })(() => {
  document ??= buildOpenApiDocument(env().tenantAppUrl);
  return json(document, { headers: { "cache-control": "public, max-age=300" } });
});

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
