import type { StaffRole } from "@pp/core/auth/permissions";

/** Every staff role in the order the select lists them, with what it may do in a few words. */
export const STAFF_ROLE_OPTIONS: readonly { value: StaffRole; label: string; description: string }[] = [
  { value: "admin", label: "Admin", description: "Everything, including staff, settings and federation" },
  { value: "operations", label: "Operations", description: "Tenants, leads, usage, onboarding, incidents, SLOs" },
  { value: "billing", label: "Billing", description: "Invoices, payment retries, pricing and lead credits" },
  { value: "success", label: "Success", description: "Customer success, onboarding and tenant details" },
  { value: "support", label: "Support", description: "Incidents and lead disputes" },
  { value: "viewer", label: "Viewer", description: "Reads every page, changes nothing" },
];

export function staffRoleLabel(role: string): string {
  return STAFF_ROLE_OPTIONS.find((option) => option.value === role)?.label ?? role;
}
