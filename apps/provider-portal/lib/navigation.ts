import type { StaffRole } from "@pp/core/auth/permissions";
import { type Permission, staffCan } from "@pp/core/auth/permissions";

export const NAV_GROUPS = ["Overview", "Customers", "Revenue", "Platform", "Admin"] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

export type NavItem = {
  href: string;
  label: string;
  /** A second line where the name alone is not enough ("Integrations Hub" → "Federation"). */
  subtitle?: string;
  group: NavGroup;
  /** The permission the page requires; roles without it never see the entry. */
  permission: Permission;
  /** True only once the page exists: the portal never links to a page that 404s. */
  built: boolean;
  /** Extra words the command palette matches ("Dunning" finds Billing's Payment Retries). */
  keywords?: readonly string[];
};

/** Every Provider Portal page, in sidebar order, named as the runbook §11 says. */
export const NAVIGATION: readonly NavItem[] = [
  { href: "/provider", label: "Dashboard", group: "Overview", permission: "tenants:read", built: true },
  {
    href: "/provider/action-center",
    label: "Action Center",
    group: "Overview",
    permission: "tenants:read",
    built: true,
  },
  {
    href: "/provider/reports",
    label: "Scheduled Reports",
    group: "Overview",
    permission: "revenue:read",
    built: true,
    keywords: ["digest", "weekly report", "monthly report", "email", "subscribe"],
  },
  {
    href: "/provider/clients",
    label: "Clients",
    group: "Customers",
    permission: "tenants:read",
    built: true,
    keywords: ["tenants", "customers", "accounts", "client 360"],
  },
  {
    href: "/provider/tenant-health",
    label: "Tenant Health",
    group: "Customers",
    permission: "success:read",
    built: true,
    keywords: ["health score", "churn", "nps", "at risk"],
  },
  {
    href: "/provider/tenant-onboarding",
    label: "Tenant Onboarding",
    group: "Customers",
    permission: "onboarding:read",
    built: true,
    keywords: ["setup", "checklist", "go-live"],
  },
  { href: "/provider/leads", label: "Leads & Disputes", group: "Customers", permission: "leads:read", built: true },
  {
    href: "/provider/tasks",
    label: "Tasks",
    group: "Customers",
    permission: "success:read",
    built: true,
    keywords: ["my tasks", "follow-ups", "playbooks"],
  },
  {
    href: "/provider/revenue-intelligence",
    label: "Revenue Intelligence",
    group: "Revenue",
    permission: "revenue:read",
    built: true,
    keywords: ["mrr", "arr", "churn"],
  },
  {
    href: "/provider/billing",
    label: "Billing",
    group: "Revenue",
    permission: "billing:read",
    built: true,
    keywords: ["invoices", "payment retries", "dunning"],
  },
  {
    href: "/provider/pricing",
    label: "Pricing & Offers",
    group: "Revenue",
    permission: "pricing:read",
    built: true,
    keywords: ["plans", "coupons", "monetization"],
  },
  { href: "/provider/api-usage", label: "API Usage", group: "Platform", permission: "usage:read", built: true },
  {
    href: "/provider/integrations",
    label: "Integrations Hub",
    subtitle: "Federation",
    group: "Platform",
    permission: "federation:read",
    built: true,
    keywords: ["federation", "oidc", "keys", "sso"],
  },
  {
    href: "/provider/reliability",
    label: "Reliability",
    subtitle: "SLOs & Alerts",
    group: "Platform",
    permission: "observability:read",
    built: true,
    keywords: ["observability", "monitoring", "slo", "error budget", "burn rate", "alerts"],
  },
  {
    href: "/provider/incidents",
    label: "Support & Incidents",
    group: "Platform",
    permission: "incidents:read",
    built: true,
    keywords: ["support", "tickets", "sla", "incidents", "mtta", "mttr"],
  },
  {
    href: "/provider/security",
    label: "Security & Compliance",
    group: "Admin",
    permission: "audit:read",
    built: true,
    keywords: ["audit log", "staff", "roles", "compliance"],
  },
  { href: "/provider/settings", label: "Settings", group: "Admin", permission: "settings:manage", built: false },
];

/** The pages a role may open that exist today, in sidebar order. */
export function visibleNavigation(role: StaffRole): NavItem[] {
  return NAVIGATION.filter((item) => item.built && staffCan(role, item.permission));
}

/** The registry entry of a page; throws on a typo so a page cannot silently lose its permission check. */
export function navItem(href: string): NavItem {
  const item = NAVIGATION.find((entry) => entry.href === href);
  if (!item) throw new Error(`${href} is not in lib/navigation.ts`);
  return item;
}

/** The permission a page needs, from the registry: pages call `requireStaff(permissionFor(href))`. */
export function permissionFor(href: string): Permission {
  return navItem(href).permission;
}

/** `href` (with `query`) when its page exists and the role may open it; otherwise undefined (render no link). */
export function linkIfAvailable(role: StaffRole, href: string, query = ""): string | undefined {
  const item = navItem(href);
  return item.built && staffCan(role, item.permission) ? `${href}${query}` : undefined;
}
