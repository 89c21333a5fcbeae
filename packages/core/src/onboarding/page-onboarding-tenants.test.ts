import { describe, expect, it } from "vitest";
import type { OnboardingListItem } from "./list-onboarding";
import { pageOnboardingTenants, ZOnboardingListQuery } from "./page-onboarding-tenants";

const row = (n: number, patch: Partial<OnboardingListItem> = {}): OnboardingListItem => ({
  tenantId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  name: `Tenant ${n}`,
  slug: `tenant-${n}`,
  trade: "plumbing",
  tenantStatus: "active",
  status: "in_progress",
  started: true,
  readinessScore: 10,
  stepsCompleted: 1,
  stepsTotal: 10,
  // Tenants 3 and 4 signed up at the same instant: the id breaks the tie.
  signedUpAt: new Date(Date.UTC(2026, 0, Math.min(n, 3))),
  daysSinceSignUp: 1,
  lastProgressAt: null,
  stalled: false,
  goLiveAt: null,
  timeToLiveDays: null,
  ...patch,
});

const tenants = [
  row(1),
  row(2, { status: "completed" }),
  row(3, { trade: "hvac" }),
  row(4, { stalled: true }),
  row(5, { status: "not_started", started: false }),
];
const query = (params: Record<string, unknown>) => ZOnboardingListQuery.parse(params);

describe("pageOnboardingTenants", () => {
  it("pages the still-onboarding tenants oldest first, each exactly once, ties broken by id", () => {
    const first = pageOnboardingTenants({ tenants }, query({ limit: 2 }));
    expect(first.data.map((r) => r.name)).toEqual(["Tenant 1", "Tenant 3"]);
    const second = pageOnboardingTenants({ tenants }, query({ limit: 2, cursor: first.nextCursor }));
    expect(second.data.map((r) => r.name)).toEqual(["Tenant 4", "Tenant 5"]);
    expect(second.nextCursor).toBeNull();
  });

  it("filters by status (stalled is its own view) and trade", () => {
    const names = (params: Record<string, unknown>) =>
      pageOnboardingTenants({ tenants }, query(params)).data.map((r) => r.name);
    expect(names({ status: "completed" })).toEqual(["Tenant 2"]);
    expect(names({ status: "stalled" })).toEqual(["Tenant 4"]);
    expect(names({ status: "not_started" })).toEqual(["Tenant 5"]);
    expect(names({ trade: "hvac" })).toEqual(["Tenant 3"]);
  });

  it("refuses a cursor it did not make", () => {
    expect(() => pageOnboardingTenants({ tenants }, query({ cursor: "bm90LWEtY3Vyc29y" }))).toThrow(/cursor/);
  });
});
