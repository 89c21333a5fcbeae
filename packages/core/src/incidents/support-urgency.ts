import type { INCIDENT_SEVERITIES } from "@pp/db/schema";

/**
 * What a client picks when they ask for help, and the severity it becomes (docs/incidents.md):
 * work stopped → sev2; something broken with a workaround → sev3; a question → sev4. sev1 is a
 * platform-wide outage, declared only by staff.
 */
export const SUPPORT_URGENCIES = ["blocked", "degraded", "question"] as const;
export type SupportUrgency = (typeof SUPPORT_URGENCIES)[number];

export const SUPPORT_URGENCY_RULES: Record<
  SupportUrgency,
  { label: string; description: string; severity: (typeof INCIDENT_SEVERITIES)[number] }
> = {
  blocked: {
    label: "We can't work",
    description: "Leads are not arriving, we cannot sign in, or the app is down for us",
    severity: "sev2",
  },
  degraded: {
    label: "Something is broken",
    description: "A feature is wrong or slow, but we can work around it",
    severity: "sev3",
  },
  question: { label: "A question or request", description: "How do I…, a change to our account", severity: "sev4" },
};

export function severityForUrgency(urgency: SupportUrgency): (typeof INCIDENT_SEVERITIES)[number] {
  return SUPPORT_URGENCY_RULES[urgency].severity;
}
