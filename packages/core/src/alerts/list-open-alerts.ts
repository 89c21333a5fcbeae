import { db, type Executor } from "@pp/db";
import { alerts } from "@pp/db/schema";
import { desc, ne } from "drizzle-orm";

export type OpenAlert = typeof alerts.$inferSelect;

/** Alerts not yet resolved, newest first (the Reliability page and the Action Center show them). */
export async function listOpenAlerts(executor: Executor = db): Promise<OpenAlert[]> {
  return executor.select().from(alerts).where(ne(alerts.status, "resolved")).orderBy(desc(alerts.firedAt)).limit(100);
}
