import { db, type Executor } from "@pp/db";
import { tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { AppError } from "../errors";
import { type CompanyProfile, toCompanyProfile } from "./company-profile";

/** The tenant's company profile as Settings shows it. */
export async function getCompanyProfile(
  options: { tenantId: string },
  executor: Executor = db,
): Promise<CompanyProfile> {
  const [tenant] = await executor.select().from(tenants).where(eq(tenants.id, options.tenantId));
  if (!tenant) throw new AppError("not_found", "Tenant not found");
  return toCompanyProfile(tenant);
}
