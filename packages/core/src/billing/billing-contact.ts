import type { tenants } from "@pp/db/schema";

/** Where billing emails go: the billing contact, else the main contact; null when the client has neither. */
export function billingContactOf(
  tenant: Pick<typeof tenants.$inferSelect, "billingEmail" | "contactEmail">,
): string | null {
  return tenant.billingEmail?.trim() || tenant.contactEmail?.trim() || null;
}
