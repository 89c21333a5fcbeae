/**
 * What one billable lead beyond the plan's included leads costs: its category's own price when the
 * category has one in the tenant's currency, otherwise the plan's per-lead price (0 without a plan).
 */
export function leadPriceCents(input: {
  category: { priceCents: number | null; currency: string } | null;
  plan: { pricePerLeadCents: number; currency: string } | null;
  tenantCurrency: string;
}): number {
  const { category, plan, tenantCurrency } = input;
  if (category && category.priceCents !== null && category.currency === tenantCurrency) return category.priceCents;
  if (plan && plan.currency === tenantCurrency) return plan.pricePerLeadCents;
  return 0;
}

/** The rule as the plan and the invoice state it. */
export function describeIncludedLeadsRule(plan: {
  includedLeads: number;
  pricePerLeadCents: number;
  currency: string;
}): string {
  const each = new Intl.NumberFormat("en-US", { style: "currency", currency: plan.currency }).format(
    plan.pricePerLeadCents / 100,
  );
  const rest = `charged at their category's price, or ${each} for a category without its own price.`;
  if (plan.includedLeads <= 0) return `Billable leads are ${rest}`;
  const first =
    plan.includedLeads === 1
      ? "The first billable lead of each billing period is included at no charge"
      : `The first ${plan.includedLeads} billable leads of each billing period are included at no charge`;
  return `${first}; further leads are ${rest}`;
}
