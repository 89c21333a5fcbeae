import { readUploadBytes, tenantLogoResponse, uploadTenantLogo } from "@pp/core/onboarding/upload-tenant-logo";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, created, withInput, withProviderAuth } from "@/lib/kit";
import { ZOnboardingParams } from "../schema";

// GET /api/provider/onboarding/[tenantId]/logo – the tenant's logo image (nosniff, cached by content hash).
export const GET = compose(
  { route: "/api/provider/onboarding/[tenantId]/logo" },
  withProviderAuth("onboarding:read"),
  withInput({ params: ZOnboardingParams }),
)(async ({ params, request }) => tenantLogoResponse(params.tenantId, request.headers.get("if-none-match")));

// POST /api/provider/onboarding/[tenantId]/logo – upload the Branding logo as the raw body (PNG, JPEG or WebP, ≤ 512 KB).
export const POST = compose(
  { route: "/api/provider/onboarding/[tenantId]/logo" },
  withProviderAuth("onboarding:write"),
  withInput({ params: ZOnboardingParams }),
)(async ({ params, request, actor, ...ctx }) =>
  created(
    await uploadTenantLogo({
      tenantId: params.tenantId,
      actor,
      bytes: await readUploadBytes(request.body, request.headers.get("content-length")),
      declaredType: request.headers.get("content-type"),
      context: auditContextOf({ request, ...ctx }),
    }),
  ),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET, POST });
