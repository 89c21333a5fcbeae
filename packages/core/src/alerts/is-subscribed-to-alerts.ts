import { db, type Executor } from "@pp/db";
import { alertSubscriptions } from "@pp/db/schema";
import { eq } from "drizzle-orm";

/** Whether the staff member gets alert emails. */
export async function isSubscribedToAlerts(userId: string, executor: Executor = db): Promise<boolean> {
  const rows = await executor.select().from(alertSubscriptions).where(eq(alertSubscriptions.userId, userId)).limit(1);
  return rows.length > 0;
}
