/** Client 360's tabs (runbook §6). Only built tabs show; the rest arrive with their pages. */
export const CLIENT_TABS = [
  { key: "overview", label: "Overview", segment: "", built: true },
  { key: "tasks", label: "Tasks", segment: "/tasks", built: true },
  { key: "notes", label: "Notes", segment: "/notes", built: true },
  { key: "billing", label: "Billing", segment: "/billing", built: true },
  { key: "usage", label: "Usage", segment: "/usage", built: true },
  { key: "health", label: "Health", segment: "/health", built: true },
] as const;

export type ClientTab = (typeof CLIENT_TABS)[number]["key"];

export function clientTabs(tenantId: string) {
  return CLIENT_TABS.filter((tab) => tab.built).map((tab) => ({
    key: tab.key,
    label: tab.label,
    href: `/provider/clients/${tenantId}${tab.segment}`,
  }));
}
