import type { Permission, StaffRole, TenantRole } from "./permissions";

/** A signed-in provider staff member. */
export type StaffActor = {
  kind: "staff";
  userId: string;
  email: string;
  name: string;
  role: StaffRole;
  sessionId: string;
};

/** A signed-in contractor inside one tenant. */
export type MemberActor = {
  kind: "member";
  userId: string;
  email: string;
  name: string;
  role: TenantRole;
  tenantId: string;
  tenantSlug: string;
  sessionId: string;
};

/** A public API call authenticated by an API key. */
export type ApiKeyActor = {
  kind: "api_key";
  apiKeyId: string;
  tenantId: string;
  scopes: readonly string[];
};

export type Actor = StaffActor | MemberActor | ApiKeyActor;
export type { Permission };
