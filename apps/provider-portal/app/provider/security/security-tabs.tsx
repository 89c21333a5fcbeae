import type { StaffRole } from "@pp/core/auth/permissions";
import { type Permission, staffCan } from "@pp/core/auth/permissions";
import { Tabs } from "@pp/ui/tabs";

export type SecurityTab = "overview" | "staff" | "audit";

// Only tabs whose page exists.
const TABS: readonly { key: SecurityTab; label: string; href: string; permission: Permission }[] = [
  { key: "overview", label: "Overview", href: "/provider/security", permission: "audit:read" },
  { key: "staff", label: "Staff & roles", href: "/provider/security/staff", permission: "staff:read" },
  { key: "audit", label: "Audit log", href: "/provider/security/audit", permission: "audit:read" },
];

/** The Security & Compliance tabs the role may open. */
export function SecurityTabs({ role, current }: { role: StaffRole; current: SecurityTab }) {
  const items = TABS.filter((tab) => staffCan(role, tab.permission));
  return <Tabs label="Security & Compliance" items={items} current={current} />;
}
