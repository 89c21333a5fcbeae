import { randomBytes } from "node:crypto";
import { db } from "@pp/db";
import { createMember, createTenant, findUserByEmail } from "@pp/db/factories";
import { accounts, sessions, staffMembers } from "@pp/db/schema";
import { verifyPassword } from "better-auth/crypto";
import { and, eq } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { describe, expect, it } from "vitest";
import { acceptStaffInvitation } from "./accept-staff-invitation";
import { deactivateStaff } from "./deactivate-staff";
import { getStaffInvitation } from "./get-staff-invitation";
import { inviteStaff } from "./invite-staff";
import { auditOf, invitationTokenFor, rejection, signedInStaff } from "./testing";

const PASSWORD = "a long enough secret";

async function passwordOf(userId: string): Promise<string | null | undefined> {
  const [account] = await db
    .select({ password: accounts.password })
    .from(accounts)
    .where(and(eq(accounts.userId, userId), eq(accounts.providerId, "credential")));
  return account?.password;
}

describe("acceptStaffInvitation", () => {
  it("with the emailed token: sets name and password, activates the membership, and the link works once", async () => {
    const admin = await signedInStaff("admin", { name: "Ada Admin" });
    const invitation = await inviteStaff({
      actor: admin.actor,
      email: "nia@example.test",
      name: "Nia",
      role: "success",
    });
    const token = await invitationTokenFor("nia@example.test");

    await expect(getStaffInvitation({ token })).resolves.toMatchObject({
      staffMemberId: invitation.staffMemberId,
      email: "nia@example.test",
      name: "Nia",
      role: "success",
      invitedByName: "Ada Admin",
      expired: false,
    });

    await expect(acceptStaffInvitation({ token, name: " Nia Success ", password: PASSWORD })).resolves.toEqual({
      email: "nia@example.test",
      role: "success",
    });

    const user = await findUserByEmail(db, "nia@example.test");
    expect(user).toMatchObject({ name: "Nia Success", emailVerified: true });
    const hash = await passwordOf(user?.id ?? "");
    expect(hash && (await verifyPassword({ hash, password: PASSWORD }))).toBe(true);
    const [member] = await db.select().from(staffMembers).where(eq(staffMembers.id, invitation.staffMemberId));
    expect(member?.status).toBe("active");
    const [event] = await auditOf(invitation.staffMemberId, "staff.invitation_accepted");
    expect(event).toMatchObject({
      actorType: "system",
      before: expect.objectContaining({ status: "invited" }),
      after: { userId: user?.id, email: "nia@example.test", role: "success", status: "active" },
    });

    const reused = await rejection(acceptStaffInvitation({ token, name: "Mallory", password: "another password" }));
    expect(reused).toMatchObject({ code: "not_found", status: 404 });
    expect(reused.message).toMatch(/already used or replaced/);
    expect(await getStaffInvitation({ token })).toBeNull();
  });

  it("refuses an expired link (422) and leaves the member invited", async () => {
    const admin = await signedInStaff("admin");
    const invitation = await inviteStaff({
      actor: admin.actor,
      email: "late@example.test",
      name: "Late",
      role: "viewer",
      now: new Date("2025-01-01T00:00:00Z"),
    });
    const token = await invitationTokenFor("late@example.test");

    expect(await getStaffInvitation({ token })).toMatchObject({ expired: true });
    const expired = await rejection(acceptStaffInvitation({ token, name: "Late", password: PASSWORD }));
    expect(expired).toMatchObject({ code: "unprocessable", status: 422 });
    expect(expired.message).toMatch(/^This invitation expired on Wed, 08 Jan 2025 .* ask an admin to send a new one$/);
    const [member] = await db.select().from(staffMembers).where(eq(staffMembers.id, invitation.staffMemberId));
    expect(member?.status).toBe("invited");
  });

  it("refuses a wrong token, a replaced token and a revoked invitation (404), and a short password (400)", async () => {
    const admin = await signedInStaff("admin");
    await inviteStaff({ actor: admin.actor, email: "twice@example.test", name: "T", role: "viewer" });
    const oldToken = await invitationTokenFor("twice@example.test");
    await inviteStaff({ actor: admin.actor, email: "twice@example.test", name: "T", role: "viewer" });

    for (const token of [randomBytes(32).toString("base64url"), oldToken, "x"]) {
      expect(await rejection(acceptStaffInvitation({ token, name: "T", password: PASSWORD }))).toMatchObject({
        code: "not_found",
      });
    }

    const invitation = await inviteStaff({
      actor: admin.actor,
      email: "revoked@example.test",
      name: "R",
      role: "viewer",
    });
    const revokedToken = await invitationTokenFor("revoked@example.test");
    await deactivateStaff({ actor: admin.actor, staffMemberId: invitation.staffMemberId });
    expect(
      await rejection(acceptStaffInvitation({ token: revokedToken, name: "R", password: PASSWORD })),
    ).toMatchObject({
      code: "not_found",
    });

    const current = await invitationTokenFor("twice@example.test");
    const short = await rejection(acceptStaffInvitation({ token: current, name: "T", password: "too short" }));
    expect(short).toMatchObject({ code: "validation_failed", status: 400 });
    expect(short.details).toEqual([
      expect.objectContaining({ path: "password", message: "must be at least 10 characters" }),
    ]);
  });

  it("an existing user's new password replaces the old one and signs them out everywhere, as a reset would", async () => {
    const admin = await signedInStaff("admin");
    const tenant = await createTenant(db);
    const member = await createMember(db, {
      tenantId: tenant.id,
      email: "contractor@example.test",
      password: "old password 123",
    });
    await db.insert(sessions).values({
      id: uuidv7(),
      token: randomBytes(24).toString("base64url"),
      userId: member.user.id,
      app: "tenant",
      expiresAt: new Date(Date.now() + 60_000),
    });
    await inviteStaff({ actor: admin.actor, email: "contractor@example.test", name: "C", role: "support" });

    await acceptStaffInvitation({
      token: await invitationTokenFor("contractor@example.test"),
      name: "Cy Contractor",
      password: PASSWORD,
    });

    const hash = await passwordOf(member.user.id);
    expect(hash && (await verifyPassword({ hash, password: PASSWORD }))).toBe(true);
    expect(await db.select().from(accounts).where(eq(accounts.userId, member.user.id))).toHaveLength(1);
    expect(await db.select().from(sessions).where(eq(sessions.userId, member.user.id))).toEqual([]);
  });
});
