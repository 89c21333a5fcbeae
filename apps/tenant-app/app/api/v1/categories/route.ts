import { listIntakeCategories } from "@pp/core/leads/list-intake-categories";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withApiKey } from "@/lib/kit";

// GET /api/v1/categories – the lead categories intake accepts for the key's tenant, with their prices: any valid key.
export const GET = compose(
  { route: "/api/v1/categories" },
  withApiKey(),
)(async ({ tenantId }) => json(await listIntakeCategories({ tenantId })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
