import { randomBytes } from "node:crypto";
import { db } from "@pp/db";
import { createUser } from "@pp/db/factories";
import { sessions, staffMembers, verifications } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { beforeEach, describe, expect, it } from "vitest";
import { deactivateStaff } from "./deactivate-staff";
import { inviteStaff } from "./invite-staff";
import { reactivateStaff } from "./reactivate-staff";
import { invitationIdentifier } from "./staff-rules";
import { auditOf, rejection, signedInStaff } from "./testing";

// The last-admin rule counts every staff row, so each test starts from an empty staff table.
beforeEach(async () => {
  await db.delete(staffMembers);
});

async function openSession(userId: string, app: "portal" | "tenant") {
  const [session] = await db
    .insert(sessions)
    .values({
      id: uuidv7(),
      token: randomBytes(24).toString("base64url"),
      userId,
      app,
      expiresAt: new Date(Date.now() + 60 * 60 * 1000),
    })
    .returning();
  if (!session) throw new Error("session insert returned no row");
  return session;
}

describe("deactivateStaff", () => {
  it("deactivates, ends every portal session at once, keeps tenant-app sessions, and audits it", async () => {
    const admin = await signedInStaff("admin");
    const support = await signedInStaff("support", { email: "sue@example.test" });
    await openSession(support.user.id, "portal");
    await openSession(support.user.id, "portal");
    const tenantSession = await openSession(support.user.id, "tenant");
    const adminSession = await openSession(admin.user.id, "portal");
    const now = new Date("2025-04-02T10:00:00Z");

    await expect(deactivateStaff({ actor: admin.actor, staffMemberId: support.staff.id, now })).resolves.toEqual({
      id: support.staff.id,
      role: "support",
      status: "deactivated",
      changed: true,
    });

    const [row] = await db.select().from(staffMembers).where(eq(staffMembers.id, support.staff.id));
    expect(row).toMatchObject({ status: "deactivated", deactivatedAt: now });
    const left = await db.select().from(sessions).where(eq(sessions.userId, support.user.id));
    expect(left.map((session) => session.id)).toEqual([tenantSession.id]);
    expect(await db.select().from(sessions).where(eq(sessions.id, adminSession.id))).toHaveLength(1);
    const [event] = await auditOf(support.staff.id, "staff.deactivated");
    expect(event).toMatchObject({
      actorId: admin.user.id,
      before: expect.objectContaining({ email: "sue@example.test", status: "active" }),
      after: expect.objectContaining({ status: "deactivated" }),
      metadata: { sessionsEnded: 2 },
    });

    // Twice is harmless and not audited again.
    await expect(deactivateStaff({ actor: admin.actor, staffMemberId: support.staff.id })).resolves.toMatchObject({
      changed: false,
    });
    expect(await auditOf(support.staff.id, "staff.deactivated")).toHaveLength(1);
  });

  it("refuses to deactivate yourself or the last active admin (409)", async () => {
    const admin = await signedInStaff("admin", { name: "Ann Only" });
    const self = await rejection(deactivateStaff({ actor: admin.actor, staffMemberId: admin.staff.id }));
    expect(self).toMatchObject({
      code: "conflict",
      status: 409,
      message: "You cannot deactivate yourself — ask another admin to do it",
    });

    const script = await signedInStaff("operations");
    const last = await rejection(deactivateStaff({ actor: script.actor, staffMemberId: admin.staff.id }));
    expect(last).toMatchObject({ code: "conflict", status: 409 });
    expect(last.message).toMatch(/^Ann Only is the only active admin and cannot be deactivated/);
    const [row] = await db.select().from(staffMembers).where(eq(staffMembers.id, admin.staff.id));
    expect(row?.status).toBe("active");
  });

  it("keeps one active admin when two admins deactivate each other at the same moment", async () => {
    const a = await signedInStaff("admin");
    const b = await signedInStaff("admin");
    const results = await Promise.allSettled([
      deactivateStaff({ actor: a.actor, staffMemberId: b.staff.id }),
      deactivateStaff({ actor: b.actor, staffMemberId: a.staff.id }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db.select().from(staffMembers).where(eq(staffMembers.status, "active"))).toHaveLength(1);
  });

  it("deactivating an invited member voids their invitation link", async () => {
    const admin = await signedInStaff("admin");
    const invitation = await inviteStaff({
      actor: admin.actor,
      email: "maybe@example.test",
      name: "M",
      role: "viewer",
    });

    await deactivateStaff({ actor: admin.actor, staffMemberId: invitation.staffMemberId });

    const links = await db
      .select()
      .from(verifications)
      .where(eq(verifications.identifier, invitationIdentifier(invitation.staffMemberId)));
    expect(links).toEqual([]);
  });

  it("answers 404 for unknown and malformed ids", async () => {
    const admin = await signedInStaff("admin");
    for (const staffMemberId of [uuidv7(), "42", "../etc"]) {
      expect(await rejection(deactivateStaff({ actor: admin.actor, staffMemberId }))).toMatchObject({
        code: "not_found",
        status: 404,
      });
    }
  });
});

describe("reactivateStaff", () => {
  it("gives a deactivated member their access back with their role, and audits it", async () => {
    const admin = await signedInStaff("admin");
    const billing = await signedInStaff("billing", { password: "correct horse battery" });
    await deactivateStaff({ actor: admin.actor, staffMemberId: billing.staff.id });

    await expect(reactivateStaff({ actor: admin.actor, staffMemberId: billing.staff.id })).resolves.toEqual({
      id: billing.staff.id,
      role: "billing",
      status: "active",
      changed: true,
    });
    const [row] = await db.select().from(staffMembers).where(eq(staffMembers.id, billing.staff.id));
    expect(row).toMatchObject({ status: "active", deactivatedAt: null });
    const [event] = await auditOf(billing.staff.id, "staff.reactivated");
    expect(event).toMatchObject({
      before: expect.objectContaining({ status: "deactivated" }),
      after: expect.objectContaining({ status: "active", role: "billing" }),
    });
    await expect(reactivateStaff({ actor: admin.actor, staffMemberId: billing.staff.id })).resolves.toMatchObject({
      changed: false,
    });
  });

  it("refuses invited members and members who never accepted (409): they need an invitation", async () => {
    const admin = await signedInStaff("admin");
    const invitation = await inviteStaff({
      actor: admin.actor,
      email: "later@example.test",
      name: "L",
      role: "viewer",
    });
    const invited = await rejection(reactivateStaff({ actor: admin.actor, staffMemberId: invitation.staffMemberId }));
    expect(invited).toMatchObject({ code: "conflict", status: 409 });
    expect(invited.message).toMatch(/has not accepted their invitation yet/);

    await deactivateStaff({ actor: admin.actor, staffMemberId: invitation.staffMemberId });
    const never = await rejection(reactivateStaff({ actor: admin.actor, staffMemberId: invitation.staffMemberId }));
    expect(never).toMatchObject({ code: "conflict", status: 409 });
    expect(never.message).toMatch(/never accepted their invitation — invite them again/);
  });

  it("answers 404 for a user who is not staff", async () => {
    const admin = await signedInStaff("admin");
    const user = await createUser(db);
    expect(await rejection(reactivateStaff({ actor: admin.actor, staffMemberId: user.id }))).toMatchObject({
      code: "not_found",
    });
  });
});
