import { db, type Executor } from "@pp/db";
import { leadCategories } from "@pp/db/schema";
import { asc, sql } from "drizzle-orm";

/**
 * The portal's "Category" filter: every catalog category by its name ("Water heater"), the value
 * its code. A code several trades share is offered once, under the first of its names.
 */
export async function listLeadCategoryOptions(executor: Executor = db): Promise<{ value: string; label: string }[]> {
  const label = sql<string>`min(${leadCategories.name})`;
  return executor
    .select({ value: leadCategories.code, label })
    .from(leadCategories)
    .groupBy(leadCategories.code)
    .orderBy(asc(label), asc(leadCategories.code));
}
