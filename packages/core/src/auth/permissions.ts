import type { STAFF_ROLES, TENANT_ROLES } from "@pp/db/schema";

export type StaffRole = (typeof STAFF_ROLES)[number];
export type TenantRole = (typeof TENANT_ROLES)[number];

/** Every staff permission. Pages and API routes each declare the one they need. */
export const PERMISSIONS = [
  "tenants:read",
  "tenants:write",
  "leads:read",
  "leads:write",
  "billing:read",
  "billing:write",
  "usage:read",
  "usage:write",
  "revenue:read",
  "success:read",
  "success:write",
  "onboarding:read",
  "onboarding:write",
  "incidents:read",
  "incidents:write",
  "pricing:read",
  "pricing:write",
  "federation:read",
  "federation:manage",
  "observability:read",
  "observability:write",
  "audit:read",
  "staff:read",
  "staff:manage",
  "settings:manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_ALL = PERMISSIONS.filter((permission) => permission.endsWith(":read"));

/** The one role → permission table. A viewer reads and never writes. */
export const STAFF_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  admin: PERMISSIONS,
  operations: [
    ...READ_ALL,
    "tenants:write",
    "leads:write",
    "usage:write",
    "onboarding:write",
    "incidents:write",
    "observability:write",
    "success:write",
  ],
  billing: [...READ_ALL, "billing:write", "leads:write", "pricing:write"],
  success: [...READ_ALL, "success:write", "onboarding:write", "tenants:write"],
  support: [...READ_ALL, "incidents:write", "leads:write"],
  viewer: READ_ALL,
};

export function staffCan(role: StaffRole, permission: Permission): boolean {
  return STAFF_PERMISSIONS[role].includes(permission);
}

/** Tenant roles are ranked: a step that needs `dispatcher` admits owners too. */
const TENANT_ROLE_RANK: Record<TenantRole, number> = { technician: 1, dispatcher: 2, owner: 3 };

export function tenantRoleAtLeast(role: TenantRole, required: TenantRole): boolean {
  return TENANT_ROLE_RANK[role] >= TENANT_ROLE_RANK[required];
}
