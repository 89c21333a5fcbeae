import { listIntakeCategories } from "@pp/core/leads/list-intake-categories";
import { compose, json, withApiKey } from "@/lib/kit";

// GET /api/v1/categories – the lead categories intake accepts for the key's tenant, with their prices: any valid key.
export const GET = compose(
  { route: "/api/v1/categories" },
  withApiKey(),
)(async ({ tenantId }) => json(await listIntakeCategories({ tenantId })));
