import type { StaffRole } from "../auth/permissions";

/** What each staff role is called in a sentence ("invited you as a billing specialist"), not its code. */
export const STAFF_ROLE_NAMES: Record<StaffRole, string> = {
  admin: "administrator",
  operations: "operations specialist",
  billing: "billing specialist",
  success: "customer success manager",
  support: "support agent",
  viewer: "viewer (read-only access)",
};

/** "a billing specialist", "an administrator". */
export function staffRoleWithArticle(role: StaffRole): string {
  const name = STAFF_ROLE_NAMES[role];
  return `${/^[aeiou]/i.test(name) ? "an" : "a"} ${name}`;
}
