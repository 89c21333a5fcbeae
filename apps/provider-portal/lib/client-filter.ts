import { getTenantOption } from "@pp/core/tenants/get-tenant-option";
import type { FilterField } from "@pp/ui/filter-bar";
import { CLIENT_SEARCH_URL } from "./client-search";

/**
 * A filter bar's client picker, opened on the client the URL names. Pages use this instead of
 * embedding every client's name in their HTML.
 */
export async function clientFilter(
  tenantId: string | undefined,
  {
    name = "tenantId",
    label = "Client",
    anyLabel = "All clients",
  }: { name?: string; label?: string; anyLabel?: string } = {},
): Promise<FilterField> {
  return {
    kind: "client",
    name,
    label,
    anyLabel,
    searchUrl: CLIENT_SEARCH_URL,
    selected: await getTenantOption({ id: tenantId }),
  };
}
