import { eq } from "drizzle-orm";
import type { Executor } from "../client";
import { organizations, type ServiceArea, tenants } from "../schema";
import { REGION_DEFINITIONS, type Trade } from "./catalog";
import { slugify, uniqueSuffix } from "./ids";
import { itemAt } from "./random";

export type Organization = typeof organizations.$inferSelect;
export type Tenant = typeof tenants.$inferSelect;
type NewTenant = typeof tenants.$inferInsert;

export async function createOrganization(
  executor: Executor,
  overrides: Partial<typeof organizations.$inferInsert> = {},
): Promise<Organization> {
  const [organization] = await executor
    .insert(organizations)
    .values({ name: `Test Organization ${uniqueSuffix()}`, ...overrides })
    .returning();
  if (!organization) throw new Error("organization insert returned no row");
  return organization;
}

const TRADE_NAMES: Record<Trade, string> = { plumbing: "Plumbing", electrical: "Electrical", hvac: "HVAC" };

export function tradeName(trade: Trade): string {
  return TRADE_NAMES[trade];
}

/** Service areas of one market: a few ZIPs around its city. */
export function serviceAreasOf(market: { city: string; state: string; zips: readonly string[] }): ServiceArea[] {
  return market.zips.map((zip) => ({ zip, city: market.city, state: market.state, radiusMiles: 15 }));
}

/**
 * A tenant with everything the Provider Portal lists it by (trade, region, service areas,
 * contact and billing email). An organization is created when `orgId` is not given; the
 * default slug carries a random suffix so tests never collide.
 */
export async function createTenant(executor: Executor, overrides: Partial<NewTenant> = {}): Promise<Tenant> {
  const trade = overrides.trade ?? "plumbing";
  const name = overrides.name ?? `Test ${tradeName(trade)} ${uniqueSuffix()}`;
  const slug = overrides.slug ?? slugify(`${name}-${uniqueSuffix()}`);
  const region = itemAt(REGION_DEFINITIONS, 3);
  const market = itemAt(region.markets, 0);
  const orgId = overrides.orgId ?? (await createOrganization(executor, { name })).id;
  const [tenant] = await executor
    .insert(tenants)
    .values({
      status: "active",
      serviceAreas: serviceAreasOf(market),
      region: region.name,
      timezone: market.timezone,
      onboardingStatus: "completed",
      contactName: "Pat Owner",
      contactEmail: `owner@${slug}.test`,
      contactPhone: "+1-512-555-0100",
      billingEmail: `billing@${slug}.test`,
      ...overrides,
      orgId,
      name,
      slug,
      trade,
    })
    .returning();
  if (!tenant) throw new Error("tenant insert returned no row");
  return tenant;
}

export async function findTenantBySlug(executor: Executor, slug: string): Promise<Tenant | undefined> {
  const [tenant] = await executor.select().from(tenants).where(eq(tenants.slug, slug)).limit(1);
  return tenant;
}
