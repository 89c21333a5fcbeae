import { db, type Executor } from "@pp/db";
import { npsDismissals, npsResponses } from "@pp/db/schema";
import { and, eq, gte } from "drizzle-orm";
import type { MemberActor } from "../auth/actors";
import { NPS_PROMPT_INTERVAL_DAYS, NPS_ROLES } from "./nps-rules";

/** Whether the tenant app shows this member the NPS prompt: owners and dispatchers, once per 90 days. */
export async function shouldAskNps(
  { actor, now = new Date() }: { actor: MemberActor; now?: Date },
  executor: Executor = db,
): Promise<boolean> {
  if (!(NPS_ROLES as readonly string[]).includes(actor.role)) return false;
  const since = new Date(now.getTime() - NPS_PROMPT_INTERVAL_DAYS * 86_400_000);
  const [answered, dismissed] = await Promise.all([
    executor
      .select({ id: npsResponses.id })
      .from(npsResponses)
      .where(and(eq(npsResponses.userId, actor.userId), gte(npsResponses.respondedAt, since)))
      .limit(1),
    executor
      .select({ id: npsDismissals.id })
      .from(npsDismissals)
      .where(and(eq(npsDismissals.userId, actor.userId), gte(npsDismissals.dismissedAt, since)))
      .limit(1),
  ]);
  return answered.length === 0 && dismissed.length === 0;
}
