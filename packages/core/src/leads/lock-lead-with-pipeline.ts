import type { Executor } from "@pp/db";
import { leads, tenants } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { AppError } from "../errors";

/** The tenant's lead, locked for the transaction, with the pipeline it moves along; 404 for anyone else's. */
export async function lockLeadWithPipeline(tx: Executor, options: { tenantId: string; leadId: string }) {
  const [row] = await tx
    .select({ lead: leads, pipelineStages: tenants.pipelineStages })
    .from(leads)
    .innerJoin(tenants, eq(tenants.id, leads.tenantId))
    .where(and(eq(leads.id, options.leadId), eq(leads.tenantId, options.tenantId)))
    .for("update", { of: leads });
  if (!row) throw new AppError("not_found", "Lead not found");
  return row;
}
