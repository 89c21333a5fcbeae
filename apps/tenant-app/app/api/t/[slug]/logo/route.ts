import { readUploadBytes, tenantLogoResponse, uploadTenantLogo } from "@pp/core/onboarding/upload-tenant-logo";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, created, withTenantAuth } from "@/lib/kit";

// GET /api/t/[slug]/logo – the tenant's logo for the app header (nosniff, cached by content hash via ?v=).
export const GET = compose(
  { route: "/api/t/[slug]/logo" },
  withTenantAuth(),
)(async ({ tenantId, request }) => tenantLogoResponse(tenantId, request.headers.get("if-none-match")));

// POST /api/t/[slug]/logo – owners upload the Branding logo as the raw body (PNG, JPEG or WebP, ≤ 512 KB).
export const POST = compose(
  { route: "/api/t/[slug]/logo" },
  withTenantAuth({ role: "owner" }),
)(async ({ tenantId, actor, request, ...ctx }) =>
  created(
    await uploadTenantLogo({
      tenantId,
      actor,
      bytes: await readUploadBytes(request.body, request.headers.get("content-length")),
      declaredType: request.headers.get("content-type"),
      context: auditContextOf({ request, ...ctx }),
    }),
  ),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET, POST });
