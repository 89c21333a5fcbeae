import type { Executor } from "@pp/db";
import { auditEvents } from "@pp/db/schema";
import { and, asc, eq, like, sql } from "drizzle-orm";
import { AppError } from "../errors";

/** A 409 that names what changed since `readVersion`, read from the checklist's own audit trail. */
export async function staleVersionConflict(
  tx: Executor,
  onboardingId: string,
  readVersion: number,
  currentVersion: number,
  titles: ReadonlyMap<string, string>,
): Promise<AppError> {
  const events = await tx
    .select({
      action: auditEvents.action,
      by: auditEvents.actorLabel,
      at: auditEvents.at,
      step: sql<string | null>`${auditEvents.metadata}->>'step'`,
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.targetType, "tenant_onboarding"),
        eq(auditEvents.targetId, onboardingId),
        like(auditEvents.action, "onboarding.%"),
        sql`(${auditEvents.metadata}->>'version')::int > ${readVersion}`,
      ),
    )
    .orderBy(asc(auditEvents.at));
  const changes = events.map((event) => ({
    step: event.step,
    action:
      event.action === "onboarding.step_saved"
        ? "saved as draft"
        : event.action === "onboarding.step_completed"
          ? "completed"
          : "completed onboarding",
    by: event.by ?? "someone",
    at: event.at.toISOString(),
  }));
  const summary = changes
    .map((change) => {
      const what = change.step ? `“${titles.get(change.step) ?? change.step}”` : "onboarding";
      return `${what} ${change.action} by ${change.by} at ${change.at}`;
    })
    .join("; ");
  return new AppError(
    "conflict",
    `Someone else changed this checklist since you loaded it (version ${readVersion}, now ${currentVersion})${summary ? `: ${summary}` : ""}. Reload to see their changes.`,
    { details: { readVersion, currentVersion, changes } },
  );
}
