import { db, type Executor } from "@pp/db";
import { playbooks } from "@pp/db/schema";
import { asc, isNull } from "drizzle-orm";

export type Playbook = typeof playbooks.$inferSelect;

/** The playbook templates admins maintain, by name. */
export async function listPlaybooks(executor: Executor = db): Promise<Playbook[]> {
  return executor.select().from(playbooks).where(isNull(playbooks.archivedAt)).orderBy(asc(playbooks.name));
}
