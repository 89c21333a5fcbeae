import { db } from "@pp/db";
import { createTenant } from "@pp/db/factories";
import { type OnboardingStepState, tenantOnboarding } from "@pp/db/schema";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureOnboardingTemplates } from "./ensure-onboarding-templates";
import { listOnboardingTenants, ZOnboardingListQuery } from "./list-onboarding-tenants";
import { summarizeOnboarding } from "./summarize-onboarding";
import type { Trade } from "./templates";

const NOW = new Date("2020-01-20T00:00:00Z");
const done: OnboardingStepState = { status: "completed", values: {} };
const draft: OnboardingStepState = { status: "draft", values: {} };

/**
 * Five tenants (this file's database holds no others):
 *   A 01-01 plumbing  in progress, progress 01-18          company details done
 *   B 01-02 plumbing  completed, live 01-12 05:00 (10 d)   company details and go-live done
 *   C 01-03 hvac      in progress, progress 01-19          company details in draft
 *   D 01-03 plumbing  in progress, never progressed → stalled (signed up 17 days ago); a key no template has
 *   E 01-04 plumbing  no checklist → not started
 * C and D signed up at the same instant: the id orders them.
 */
const names: Record<string, string> = {};
beforeAll(async () => {
  const templates = await ensureOnboardingTemplates();
  const templateOf = (trade: Trade) => templates.find((template) => template.trade === trade)?.id ?? "";
  const tenant = async (label: string, createdAt: string, trade: Trade = "plumbing") => {
    const row = await createTenant(db, { name: `Tenant ${label}`, trade, createdAt: new Date(createdAt) });
    names[row.id] = label;
    return row;
  };
  const a = await tenant("A", "2020-01-01T00:00:00Z");
  const b = await tenant("B", "2020-01-02T00:00:00Z");
  const c = await tenant("C", "2020-01-03T00:00:00Z", "hvac");
  const d = await tenant("D", "2020-01-03T00:00:00Z");
  await tenant("E", "2020-01-04T00:00:00Z");
  await db.insert(tenantOnboarding).values([
    {
      tenantId: a.id,
      templateId: templateOf("plumbing"),
      status: "in_progress",
      checklist: { company_details: done },
      lastProgressAt: new Date("2020-01-18T00:00:00Z"),
    },
    {
      tenantId: b.id,
      templateId: templateOf("plumbing"),
      status: "completed",
      checklist: { company_details: done, go_live: done },
      readinessScore: 100,
      goLiveAt: new Date("2020-01-12T05:00:00Z"),
    },
    {
      tenantId: c.id,
      templateId: templateOf("hvac"),
      status: "in_progress",
      checklist: { company_details: draft },
      lastProgressAt: new Date("2020-01-19T00:00:00Z"),
    },
    { tenantId: d.id, templateId: templateOf("plumbing"), status: "in_progress", checklist: { not_a_step: done } },
  ]);
});

const labels = (rows: { tenantId: string }[]) => rows.map((row) => names[row.tenantId]);

describe("summarizeOnboarding", () => {
  it("counts every tenant in the database: totals, the step funnel and time to live", async () => {
    const summary = await summarizeOnboarding({ now: NOW });
    expect(summary.totals).toEqual({ notStarted: 1, inProgress: 3, completed: 1, stalled: 1, started: 4 });
    // Eleven steps in checklist order; only a template's own steps count (D's stray key does not).
    expect(summary.funnel).toHaveLength(11);
    expect(summary.funnel[0]).toEqual({ key: "company_details", title: "Company details", reached: 2 });
    expect(summary.funnel.find((step) => step.key === "go_live")?.reached).toBe(1);
    expect(summary.funnel.reduce((sum, step) => sum + step.reached, 0)).toBe(3);
    expect(summary.timeToLive).toEqual([
      { label: "≤ 7 days", count: 0 },
      { label: "8–14 days", count: 1 },
      { label: "15–30 days", count: 0 },
      { label: "31–60 days", count: 0 },
      { label: "> 60 days", count: 0 },
    ]);
  });
});

describe("listOnboardingTenants", () => {
  const list = (params: Record<string, unknown>) =>
    listOnboardingTenants({ ...ZOnboardingListQuery.parse(params), now: NOW });

  it("pages the tenants still onboarding oldest first, each once, ties broken by id", async () => {
    const first = await list({ limit: 2 });
    const [c, d] = Object.entries(names)
      .filter(([, label]) => label === "C" || label === "D")
      .map(([id]) => id)
      .sort();
    expect(labels(first.data)).toEqual(["A", names[c ?? ""]]);
    const second = await list({ limit: 2, cursor: first.nextCursor });
    expect(labels(second.data)).toEqual([names[d ?? ""], "E"]);
    expect(second.nextCursor).toBeNull();
  });

  it("filters by status (stalled is its own view) and trade, in the database", async () => {
    const shown = async (params: Record<string, unknown>) => labels((await list(params)).data);
    expect(await shown({ status: "completed" })).toEqual(["B"]);
    expect(await shown({ status: "stalled" })).toEqual(["D"]);
    expect(await shown({ status: "not_started" })).toEqual(["E"]);
    expect(await shown({ status: "in_progress" })).toEqual(expect.arrayContaining(["A", "C", "D"]));
    expect(await shown({ trade: "hvac" })).toEqual(["C"]);
  });

  it("shows each row's progress from its own template", async () => {
    const rows = (await list({ limit: 10 })).data;
    const byLabel = Object.fromEntries(rows.map((row) => [names[row.tenantId], row]));
    expect(byLabel.A).toMatchObject({ started: true, stepsCompleted: 1, stepsTotal: 11, stalled: false });
    expect(byLabel.C).toMatchObject({ trade: "hvac", stepsCompleted: 0, stepsTotal: 11 });
    expect(byLabel.D).toMatchObject({ stalled: true, stepsCompleted: 0, daysSinceSignUp: 17 });
    expect(byLabel.E).toMatchObject({ started: false, status: "not_started", stepsTotal: 0 });
    const completed = (await list({ status: "completed" })).data[0];
    expect(completed).toMatchObject({ timeToLiveDays: 10, readinessScore: 100 });
  });

  it("refuses a cursor it did not make", async () => {
    await expect(list({ cursor: "bm90LWEtY3Vyc29y" })).rejects.toThrow(/cursor/);
  });
});
