import type { FeatureKey } from "../feature-keys";
import type { INCIDENT_SEVERITIES, TRADES } from "../schema";

// Reference data the product ships with. Seeds, tests and benchmarks read these lists, so a price
// or a limit is written once.

export type Trade = (typeof TRADES)[number];
export type Severity = (typeof INCIDENT_SEVERITIES)[number];

export type PlanDefinition = {
  code: "basic" | "pro" | "enterprise";
  name: string;
  priceCents: number;
  includedLeads: number;
  pricePerLeadCents: number;
  apiRateLimitPerMinute: number;
  features: string[];
};

export const PLAN_DEFINITIONS: readonly PlanDefinition[] = [
  {
    code: "basic",
    name: "Basic",
    priceCents: 9_900,
    includedLeads: 25,
    pricePerLeadCents: 4_500,
    apiRateLimitPerMinute: 60,
    features: ["lead_inbox", "dispatch_board", "invoicing", "email_support"],
  },
  {
    code: "pro",
    name: "Pro",
    priceCents: 24_900,
    includedLeads: 75,
    pricePerLeadCents: 3_500,
    apiRateLimitPerMinute: 300,
    features: [
      "lead_inbox",
      "dispatch_board",
      "invoicing",
      "quickbooks_sync",
      "calendar_sync",
      "api_access",
      "phone_support",
    ],
  },
  {
    code: "enterprise",
    name: "Enterprise",
    priceCents: 59_900,
    includedLeads: 250,
    pricePerLeadCents: 2_500,
    apiRateLimitPerMinute: 1_200,
    features: [
      "lead_inbox",
      "dispatch_board",
      "invoicing",
      "quickbooks_sync",
      "calendar_sync",
      "api_access",
      "sso",
      "multi_location",
      "dedicated_csm",
    ],
  },
];

export type PlanCode = PlanDefinition["code"];

export type LeadCategoryDefinition = { trade: Trade; code: string; name: string; priceCents: number };

export const LEAD_CATEGORY_DEFINITIONS: readonly LeadCategoryDefinition[] = [
  { trade: "plumbing", code: "drain_cleaning", name: "Drain cleaning", priceCents: 3_500 },
  { trade: "plumbing", code: "water_heater", name: "Water heater", priceCents: 6_500 },
  { trade: "plumbing", code: "leak_repair", name: "Leak repair", priceCents: 4_000 },
  { trade: "plumbing", code: "repiping", name: "Repiping", priceCents: 9_500 },
  { trade: "plumbing", code: "sewer_line", name: "Sewer line", priceCents: 8_500 },
  { trade: "electrical", code: "panel_upgrade", name: "Panel upgrade", priceCents: 8_000 },
  { trade: "electrical", code: "wiring", name: "Wiring", priceCents: 5_000 },
  { trade: "electrical", code: "ev_charger", name: "EV charger install", priceCents: 7_000 },
  { trade: "electrical", code: "lighting", name: "Lighting", priceCents: 3_000 },
  { trade: "electrical", code: "generator", name: "Generator", priceCents: 9_000 },
  { trade: "hvac", code: "ac_repair", name: "AC repair", priceCents: 5_500 },
  { trade: "hvac", code: "furnace_install", name: "Furnace install", priceCents: 9_500 },
  { trade: "hvac", code: "heat_pump", name: "Heat pump", priceCents: 9_000 },
  { trade: "hvac", code: "duct_cleaning", name: "Duct cleaning", priceCents: 3_000 },
  { trade: "hvac", code: "maintenance", name: "Maintenance plan", priceCents: 2_500 },
];

export function categoriesOf(trade: Trade): LeadCategoryDefinition[] {
  return LEAD_CATEGORY_DEFINITIONS.filter((category) => category.trade === trade);
}

export type SlaDefinition = { severity: Severity; ackMinutes: number; resolveMinutes: number };

export const SLA_DEFINITIONS: readonly SlaDefinition[] = [
  { severity: "sev1", ackMinutes: 15, resolveMinutes: 4 * 60 },
  { severity: "sev2", ackMinutes: 30, resolveMinutes: 8 * 60 },
  { severity: "sev3", ackMinutes: 4 * 60, resolveMinutes: 3 * 24 * 60 },
  { severity: "sev4", ackMinutes: 24 * 60, resolveMinutes: 7 * 24 * 60 },
];

export type PlaybookDefinition = {
  code: "low_adoption" | "payment_retries" | "renewal_prep";
  name: string;
  description: string;
  steps: { title: string; dueInDays: number }[];
};

export const PLAYBOOK_DEFINITIONS: readonly PlaybookDefinition[] = [
  {
    code: "low_adoption",
    name: "Low adoption",
    description: "Usage or feature adoption dropped: find out why and get the team using the product again.",
    steps: [
      { title: "Review usage trend and unused features", dueInDays: 1 },
      { title: "Call the owner to understand blockers", dueInDays: 3 },
      { title: "Run a training session for dispatchers", dueInDays: 7 },
      { title: "Check adoption again", dueInDays: 21 },
    ],
  },
  {
    code: "payment_retries",
    name: "Payment Retries (dunning)",
    description: "An invoice payment failed: help the customer update billing details before service is suspended.",
    steps: [
      { title: "Confirm the failure reason with billing", dueInDays: 0 },
      { title: "Email the billing contact with a payment link", dueInDays: 1 },
      { title: "Call the billing contact", dueInDays: 4 },
      { title: "Decide on suspension or a payment plan", dueInDays: 10 },
    ],
  },
  {
    code: "renewal_prep",
    name: "Renewal prep",
    description: "Renewal is coming up: show value delivered and agree the next term.",
    steps: [
      { title: "Prepare ROI summary (leads, jobs won, revenue)", dueInDays: 3 },
      { title: "Schedule the executive business review", dueInDays: 7 },
      { title: "Hold the EBR and capture goals", dueInDays: 14 },
      { title: "Send the renewal proposal", dueInDays: 21 },
    ],
  },
];

export type RegionDefinition = {
  name: "Northeast" | "Southeast" | "Midwest" | "Southwest" | "West";
  markets: { city: string; state: string; timezone: string; zips: string[] }[];
};

export const REGION_DEFINITIONS: readonly RegionDefinition[] = [
  {
    name: "Northeast",
    markets: [
      {
        city: "Boston",
        state: "MA",
        timezone: "America/New_York",
        zips: ["02108", "02116", "02130", "02139", "02145"],
      },
      { city: "Philadelphia", state: "PA", timezone: "America/New_York", zips: ["19103", "19107", "19125", "19147"] },
      { city: "Hartford", state: "CT", timezone: "America/New_York", zips: ["06103", "06105", "06106", "06112"] },
    ],
  },
  {
    name: "Southeast",
    markets: [
      {
        city: "Atlanta",
        state: "GA",
        timezone: "America/New_York",
        zips: ["30303", "30308", "30318", "30324", "30342"],
      },
      { city: "Charlotte", state: "NC", timezone: "America/New_York", zips: ["28202", "28203", "28205", "28210"] },
      { city: "Tampa", state: "FL", timezone: "America/New_York", zips: ["33602", "33606", "33611", "33629"] },
    ],
  },
  {
    name: "Midwest",
    markets: [
      {
        city: "Chicago",
        state: "IL",
        timezone: "America/Chicago",
        zips: ["60601", "60614", "60618", "60625", "60647"],
      },
      { city: "Columbus", state: "OH", timezone: "America/New_York", zips: ["43201", "43206", "43214", "43215"] },
      { city: "Minneapolis", state: "MN", timezone: "America/Chicago", zips: ["55401", "55405", "55408", "55414"] },
    ],
  },
  {
    name: "Southwest",
    markets: [
      { city: "Austin", state: "TX", timezone: "America/Chicago", zips: ["78701", "78704", "78745", "78751", "78757"] },
      { city: "Phoenix", state: "AZ", timezone: "America/Phoenix", zips: ["85004", "85012", "85016", "85018"] },
      { city: "Dallas", state: "TX", timezone: "America/Chicago", zips: ["75201", "75204", "75206", "75214"] },
    ],
  },
  {
    name: "West",
    markets: [
      { city: "Denver", state: "CO", timezone: "America/Denver", zips: ["80202", "80205", "80206", "80210", "80218"] },
      { city: "Sacramento", state: "CA", timezone: "America/Los_Angeles", zips: ["95811", "95814", "95816", "95818"] },
      { city: "Portland", state: "OR", timezone: "America/Los_Angeles", zips: ["97201", "97205", "97209", "97214"] },
    ],
  },
];

/** Tenant-app API routes (route templates, as usage logging records them) with their traffic share. */
export type RouteDefinition = {
  app: "tenant" | "portal";
  method: string;
  route: string;
  share: number;
  medianMs: number;
  medianBytes: number;
};

export const TENANT_ROUTES: readonly RouteDefinition[] = [
  { app: "tenant", method: "GET", route: "/api/v1/leads", share: 30, medianMs: 45, medianBytes: 18_000 },
  { app: "tenant", method: "POST", route: "/api/v1/leads", share: 14, medianMs: 60, medianBytes: 1_500 },
  { app: "tenant", method: "GET", route: "/api/v1/leads/[id]", share: 18, medianMs: 25, medianBytes: 2_400 },
  { app: "tenant", method: "PATCH", route: "/api/v1/leads/[id]", share: 10, medianMs: 35, medianBytes: 1_200 },
  { app: "tenant", method: "GET", route: "/api/v1/usage", share: 3, medianMs: 55, medianBytes: 9_000 },
  { app: "tenant", method: "GET", route: "/api/v1/me", share: 2, medianMs: 15, medianBytes: 400 },
  { app: "tenant", method: "GET", route: "/api/t/[slug]/leads", share: 12, medianMs: 50, medianBytes: 14_000 },
  { app: "tenant", method: "GET", route: "/api/t/[slug]/leads/[leadId]", share: 6, medianMs: 30, medianBytes: 3_000 },
  {
    app: "tenant",
    method: "POST",
    route: "/api/t/[slug]/leads/[leadId]/dispute",
    share: 1,
    medianMs: 60,
    medianBytes: 800,
  },
  { app: "tenant", method: "GET", route: "/api/t/[slug]/team", share: 2, medianMs: 30, medianBytes: 4_000 },
  { app: "tenant", method: "GET", route: "/api/t/[slug]/onboarding", share: 2, medianMs: 40, medianBytes: 6_000 },
];

export const PORTAL_ROUTES: readonly RouteDefinition[] = [
  { app: "portal", method: "GET", route: "/api/provider/tenants", share: 6, medianMs: 80, medianBytes: 25_000 },
  {
    app: "portal",
    method: "GET",
    route: "/api/provider/tenants/[id]/overview",
    share: 8,
    medianMs: 95,
    medianBytes: 12_000,
  },
  { app: "portal", method: "GET", route: "/api/provider/action-center", share: 5, medianMs: 120, medianBytes: 30_000 },
  { app: "portal", method: "GET", route: "/api/provider/usage/trend", share: 3, medianMs: 150, medianBytes: 40_000 },
  {
    app: "portal",
    method: "POST",
    route: "/api/provider/leads/[id]/dispute",
    share: 2,
    medianMs: 70,
    medianBytes: 900,
  },
];

/** The registered features a contractor's own actions record (feature_usage.feature_key), for seeded histories. */
export const TENANT_FEATURE_KEYS = [
  "LeadDisputed",
  "ApiKeyCreated",
  "ApiKeyRevoked",
  "OnboardingStepCompleted",
  "ViewApiReference",
  "ExportCsv",
] as const satisfies readonly FeatureKey[];
