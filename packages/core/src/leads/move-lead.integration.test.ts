import { db } from "@pp/db";
import { createLead, createMember, createTenant, ensureReferenceData } from "@pp/db/factories";
import { auditEvents, featureUsage, leads } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { MemberActor } from "../auth/actors";
import { AppError } from "../errors";
import { moveLead, type TMoveLead } from "./move-lead";
import { summarizeLeadPipeline } from "./summarize-lead-pipeline";
import { updateLead } from "./update-lead";

const PLUMBING = ["New lead", "Contacted", "Site visit booked", "Quote sent"].map((label, index) => ({
  key: `stage-${index}`,
  label,
}));

beforeAll(() => ensureReferenceData(db));

async function workspace(pipelineStages: typeof PLUMBING | null = PLUMBING) {
  const tenant = await createTenant(db, { pipelineStages });
  const member = await createMember(db, { tenantId: tenant.id, role: "technician", name: "Tess Tech" });
  const actor: MemberActor = {
    kind: "member",
    userId: member.user.id,
    email: member.user.email,
    name: member.user.name,
    role: "technician",
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    sessionId: "test-session",
  };
  const lead = await createLead(db, { tenantId: tenant.id });
  const move = (to: TMoveLead, leadId = lead.id) => moveLead({ tenantId: tenant.id, leadId, move: to, actor });
  return { tenant, actor, lead, move };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("moveLead", () => {
  it("moves a lead along the tenant's own stages; the API status follows (2nd stage contacted, later qualified)", async () => {
    const { lead, move, tenant } = await workspace();
    await expect(move({ to: "stage", stage: "stage-1" })).resolves.toMatchObject({
      status: "contacted",
      stage: "stage-1",
      stageLabel: "Contacted",
    });
    await expect(move({ to: "stage", stage: "stage-3" })).resolves.toMatchObject({
      status: "qualified",
      stage: "stage-3",
    });
    // Back among the qualified stages is a correction, not a reopening: allowed.
    await expect(move({ to: "stage", stage: "stage-2" })).resolves.toMatchObject({ status: "qualified" });
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, tenant.id), eq(auditEvents.action, "lead.moved")));
    expect(audit).toHaveLength(3);
    const uses = await db.select().from(featureUsage).where(eq(featureUsage.tenantId, tenant.id));
    expect(uses.filter((use) => use.featureKey === "LeadMoved")).toHaveLength(3);
    const [stored] = await db.select().from(leads).where(eq(leads.id, lead.id));
    expect(stored).toMatchObject({ status: "qualified", stage: "stage-2" });
  });

  it("records the job's value when won, and a won lead is final", async () => {
    const { move } = await workspace();
    await expect(move({ to: "won", wonValueCents: 485_00 })).resolves.toMatchObject({
      status: "won",
      wonValueCents: 48_500,
    });
    const error = await refusal(move({ to: "stage", stage: "stage-1" }));
    expect(error.status).toBe(422);
    expect(error.message).toContain("a won lead is final");
  });

  it("reopens a lost lead only at the second stage, and never sends work backwards", async () => {
    const { move } = await workspace();
    await move({ to: "stage", stage: "stage-1" });
    expect((await refusal(move({ to: "stage", stage: "stage-0" }))).message).toContain("cannot go back to new");
    await move({ to: "lost" });
    expect((await refusal(move({ to: "stage", stage: "stage-3" }))).message).toContain(
      'reopened at the "Contacted" stage',
    );
    await expect(move({ to: "stage", stage: "stage-1" })).resolves.toMatchObject({ status: "contacted" });
  });

  it("uses New → Contacted → Quoted when the tenant has no pipeline of its own", async () => {
    const { move } = await workspace(null);
    await expect(move({ to: "stage", stage: "quoted" })).resolves.toMatchObject({
      status: "qualified",
      stageLabel: "Quoted",
    });
  });

  it("refuses unknown stages and bad values with a 400 naming the field", async () => {
    const { move } = await workspace();
    const unknown = await refusal(move({ to: "stage", stage: "quoted" }));
    expect(unknown).toMatchObject({ status: 400 });
    expect(unknown.message).toContain("New lead, Contacted, Site visit booked, Quote sent");
    const negative = await refusal(move({ to: "won", wonValueCents: -1 }));
    expect(negative.message).toContain("wonValueCents");
    const huge = await refusal(move({ to: "won", wonValueCents: 2_147_483_648 }));
    expect(huge.status).toBe(400);
  });

  it("another tenant's lead is a 404, and so is a malformed id", async () => {
    const mine = await workspace();
    const theirs = await workspace();
    expect((await refusal(mine.move({ to: "lost" }, theirs.lead.id))).status).toBe(404);
    expect((await refusal(mine.move({ to: "lost" }, "not-a-uuid"))).status).toBe(404);
    const [untouched] = await db.select().from(leads).where(eq(leads.id, theirs.lead.id));
    expect(untouched?.status).toBe("new");
  });

  it("keeps the stage in step when the public API changes the status", async () => {
    const { lead, move, tenant, actor } = await workspace();
    await move({ to: "stage", stage: "stage-3" });
    await updateLead({ tenantId: tenant.id, leadId: lead.id, status: "won", actor });
    const [won] = await db.select().from(leads).where(eq(leads.id, lead.id));
    expect(won).toMatchObject({ status: "won", stage: "stage-3" });
    const fresh = await createLead(db, { tenantId: tenant.id });
    await updateLead({ tenantId: tenant.id, leadId: fresh.id, status: "qualified", actor });
    const [qualified] = await db.select().from(leads).where(eq(leads.id, fresh.id));
    expect(qualified?.stage).toBe("stage-2");
  });
});

describe("summarizeLeadPipeline", () => {
  it("counts open leads per stage and the last 30 days' wins (with their value) and losses", async () => {
    const { tenant, actor } = await workspace();
    const ids = [];
    for (let index = 0; index < 6; index++) ids.push((await createLead(db, { tenantId: tenant.id })).id);
    const move = (leadId: string, to: TMoveLead) => moveLead({ tenantId: tenant.id, leadId, move: to, actor });
    const [a, b, c, d, e, f] = ids as [string, string, string, string, string, string];
    await move(a, { to: "stage", stage: "stage-1" });
    await move(b, { to: "stage", stage: "stage-3" });
    await move(c, { to: "won", wonValueCents: 1_250_00 });
    await move(d, { to: "won", wonValueCents: 480_00 });
    await move(e, { to: "lost" });
    // A lead the public API moved to qualified (no stage of its own) counts on the first qualified stage.
    await updateLead({ tenantId: tenant.id, leadId: f, status: "qualified", actor });
    await db.update(leads).set({ stage: null }).where(eq(leads.id, f));

    const summary = await summarizeLeadPipeline({ tenantId: tenant.id });
    // Open: the workspace's own lead (new) → New lead 1; a → Contacted 1; f → Site visit booked 1; b → Quote sent 1.
    expect(summary.stages.map((stage) => [stage.label, stage.leads])).toEqual([
      ["New lead", 1],
      ["Contacted", 1],
      ["Site visit booked", 1],
      ["Quote sent", 1],
    ]);
    // Won: $1,250.00 + $480.00 = $1,730.00.
    expect(summary.won).toEqual({ leads: 2, valueCents: 173_000 });
    expect(summary.lost).toEqual({ leads: 1 });
    // Another tenant sees none of it.
    const other = await workspace();
    const theirs = await summarizeLeadPipeline({ tenantId: other.tenant.id });
    expect(theirs.won.leads + theirs.lost.leads).toBe(0);
    expect(theirs.stages[0]?.leads).toBe(1);
  });
});
