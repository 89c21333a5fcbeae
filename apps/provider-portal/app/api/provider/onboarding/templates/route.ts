import { ensureOnboardingTemplates } from "@pp/core/onboarding/ensure-onboarding-templates";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withProviderAuth } from "@/lib/kit";

// GET /api/provider/onboarding/templates – the current checklist template of each trade (plumbing, electrical, hvac).
export const GET = compose(
  { route: "/api/provider/onboarding/templates" },
  withProviderAuth("onboarding:read"),
)(async () => {
  const templates = await ensureOnboardingTemplates();
  return json({
    data: templates.map(({ id, trade, version, sections }) => ({ id, trade, version, sections })),
    nextCursor: null,
  });
});

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
