import { db } from "@pp/db";
import { sql } from "drizzle-orm";

/** True when the database answers within two seconds. */
export async function checkDatabase(): Promise<boolean> {
  try {
    await Promise.race([
      db.execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000)),
    ]);
    return true;
  } catch {
    return false;
  }
}
