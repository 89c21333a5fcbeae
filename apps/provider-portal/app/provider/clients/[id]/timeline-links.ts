import type { TimelineEntry } from "@pp/core/success/list-timeline";

/** Where a timeline entry's "thing itself" lives in the portal; null when it has no page. */
export function timelineHref(tenantId: string, entry: Pick<TimelineEntry, "relatedType" | "relatedId">): string | null {
  const id = entry.relatedId;
  if (!id) return null;
  switch (entry.relatedType) {
    case "task":
      return `/provider/clients/${tenantId}/tasks?status=all#task-${id}`;
    case "note":
      return `/provider/clients/${tenantId}/notes#note-${id}`;
    case "playbook_run":
      return `/provider/clients/${tenantId}#playbooks`;
    case "lead":
      return `/provider/leads/${id}`;
    case "invoice":
      return `/provider/billing/invoices/${id}`;
    case "incident":
      return `/provider/clients/${tenantId}#incident-${id}`;
    case "onboarding":
      return `/provider/tenant-onboarding/${tenantId}`;
    case "nps_response":
      return `/provider/clients/${tenantId}/health`;
    default:
      return null;
  }
}
