import { db } from "@pp/db";
import { createIncident, createInvoice, createTenant, ensureReferenceData, type Tenant } from "@pp/db/factories";
import { auditEvents, invoices } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rejection, signedInStaff } from "../staff/testing";
import { getActionCenter } from "./get-action-center";
import { snoozeActionItem } from "./snooze-action-item";
import { unsnoozeActionItem } from "./unsnooze-action-item";

beforeAll(async () => {
  await ensureReferenceData(db);
});

const NOW = new Date("2025-06-15T12:00:00Z");
const DAY = 86_400_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const ahead = (ms: number) => new Date(NOW.getTime() + ms);

function overdueInvoice(tenant: Tenant, dueAt: Date) {
  return createInvoice(db, {
    tenantId: tenant.id,
    issuedAt: new Date(dueAt.getTime() - 14 * DAY),
    dueAt,
    lines: [{ kind: "subscription", description: "Basic plan (monthly)", unitAmountCents: 9_900 }],
  });
}

async function view(tenantId: string, snoozed: boolean, at = NOW) {
  const center = await getActionCenter({
    bucket: "invoicesOverdue",
    tenantId,
    now: at,
    view: snoozed ? "snoozed" : undefined,
  });
  return center.buckets.invoicesOverdue?.items ?? [];
}

describe("the snoozed view and un-snooze", () => {
  it("lists a snoozed item with its date, reason and who snoozed it; un-snooze puts it back in the queue, audited", async () => {
    const tenant = await createTenant(db);
    const invoice = await overdueInvoice(tenant, ago(3 * DAY));
    const { actor } = await signedInStaff("billing");
    await snoozeActionItem({
      bucket: "invoicesOverdue",
      itemId: invoice.id,
      until: ahead(2 * DAY),
      reason: "Client promised to pay on Friday",
      actor,
      now: NOW,
    });
    expect(await view(tenant.id, false)).toEqual([]);
    const [snoozed] = await view(tenant.id, true);
    expect(snoozed).toMatchObject({
      id: invoice.id,
      snooze: { until: ahead(2 * DAY), reason: "Client promised to pay on Friday", snoozedBy: actor.name },
    });
    // A snooze that has run out is neither hidden nor listed as snoozed.
    expect(await view(tenant.id, true, ahead(3 * DAY))).toEqual([]);

    await unsnoozeActionItem({ bucket: "invoicesOverdue", itemId: invoice.id, actor, now: NOW });
    expect((await view(tenant.id, false)).map((item) => item.id)).toEqual([invoice.id]);
    expect(await view(tenant.id, true)).toEqual([]);

    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "action_item.unsnoozed"), eq(auditEvents.tenantId, tenant.id)));
    expect(audit).toMatchObject({ actorId: actor.userId, targetId: `invoicesOverdue:${invoice.id}`, after: null });
    expect(audit?.before).toMatchObject({ reason: "Client promised to pay on Friday" });

    // Un-snoozing again: nothing is snoozed any more.
    const again = await rejection(
      unsnoozeActionItem({ bucket: "invoicesOverdue", itemId: invoice.id, actor, now: NOW }),
    );
    expect([again.status, again.message]).toEqual([404, "This item is not snoozed"]);
  });

  it("needs the bucket's write permission and a known bucket; a snooze in another bucket is untouched", async () => {
    const tenant = await createTenant(db);
    const invoice = await overdueInvoice(tenant, ago(3 * DAY));
    const { actor: billing } = await signedInStaff("billing");
    const { actor: viewer } = await signedInStaff("viewer");
    const base = { bucket: "invoicesOverdue" as const, itemId: invoice.id, now: NOW };
    await snoozeActionItem({ ...base, until: ahead(DAY), reason: "later", actor: billing });

    expect((await rejection(unsnoozeActionItem({ ...base, actor: viewer }))).status).toBe(403);
    const badBucket = await rejection(
      unsnoozeActionItem({ ...base, bucket: "nope" as "invoicesOverdue", actor: billing }),
    );
    expect([badBucket.status, badBucket.message]).toEqual([400, expect.stringContaining("bucket")]);
    // The same invoice in paymentsFailed has no snooze: 404, and the invoicesOverdue snooze stays.
    const other = await rejection(unsnoozeActionItem({ ...base, bucket: "paymentsFailed", actor: billing }));
    expect(other.status).toBe(404);
    expect(await view(tenant.id, true)).toHaveLength(1);
  });

  it("rows say what was done: reminded today, escalation level", async () => {
    const tenant = await createTenant(db);
    const invoice = await overdueInvoice(tenant, ago(3 * DAY));
    await db
      .update(invoices)
      .set({ lastReminderAt: ago(2 * 3_600_000) })
      .where(eq(invoices.id, invoice.id));
    const [reminded] = await view(tenant.id, false);
    expect(reminded?.state).toEqual(["Reminded today"]);
    expect(reminded?.actions).not.toContain("sendReminder");
    await db
      .update(invoices)
      .set({ lastReminderAt: ago(5 * DAY) })
      .where(eq(invoices.id, invoice.id));
    expect((await view(tenant.id, false))[0]?.state).toEqual(["Reminded 5 d ago"]);

    const incident = await createIncident(db, {
      tenantId: tenant.id,
      severity: "sev1",
      openedAt: ago(2 * DAY),
      escalationLevel: 2,
    });
    const center = await getActionCenter({ bucket: "slaBreaches", tenantId: tenant.id, now: NOW });
    const item = center.buckets.slaBreaches?.items.find((candidate) => candidate.id === incident.id);
    expect(item?.state).toEqual(["Escalated to level 2"]);
  });
});
