import { db } from "@pp/db";
import { createMember, createTenant, findUserByEmail } from "@pp/db/factories";
import { accounts, emailOutbox, staffMembers, verifications } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { hashInvitationToken } from "../auth/invitation-token";
import { renderOutboxText } from "../email/outbox-link";
import { deactivateStaff } from "./deactivate-staff";
import { inviteStaff } from "./invite-staff";
import { listStaff } from "./list-staff";
import { invitationIdentifier } from "./staff-rules";
import { auditOf, invitationTokenFor, rejection, signedInStaff } from "./testing";

describe("inviteStaff", () => {
  it("creates a passwordless user, an invited staff row, a hashed 7-day link, the email and the audit event", async () => {
    const admin = await signedInStaff("admin", { name: "Ada Admin" });
    const now = new Date("2025-03-01T09:00:00Z");

    const invitation = await inviteStaff({
      actor: admin.actor,
      email: "  Bo.Billing@Example.TEST ",
      name: " Bo Billing ",
      role: "billing",
      now,
    });

    expect(invitation).toMatchObject({ email: "bo.billing@example.test", role: "billing", refreshed: false });
    expect(invitation.expiresAt.toISOString()).toBe("2025-03-08T09:00:00.000Z");
    const user = await findUserByEmail(db, "bo.billing@example.test");
    expect(user).toMatchObject({ name: "Bo Billing", emailVerified: false });
    expect(
      await db
        .select()
        .from(accounts)
        .where(eq(accounts.userId, user?.id ?? "")),
    ).toEqual([]);
    const [member] = await db.select().from(staffMembers).where(eq(staffMembers.id, invitation.staffMemberId));
    expect(member).toMatchObject({ userId: user?.id, role: "billing", status: "invited", invitedBy: admin.user.id });

    const [email] = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.to, "bo.billing@example.test"), eq(emailOutbox.kind, "staff_invitation")));
    expect(email).toMatchObject({ status: "queued", relatedType: "staff_member", relatedId: invitation.staffMemberId });
    expect(email?.subject).toBe("Ada Admin invited you to the Provider Portal");
    expect(email?.text).toContain("invited you to the Provider Portal as a billing specialist.");
    expect(email?.text).not.toMatch(/accept-invitation\?token=/);
    expect(email && renderOutboxText(email)).toMatch(
      /http:\/\/localhost:\d+\/accept-invitation\?token=[A-Za-z0-9_-]{43}\b/,
    );

    // Only the SHA-256 of the emailed token is stored.
    const token = await invitationTokenFor("bo.billing@example.test");
    const stored = await db
      .select()
      .from(verifications)
      .where(eq(verifications.identifier, invitationIdentifier(invitation.staffMemberId)));
    expect(stored).toEqual([
      expect.objectContaining({ value: hashInvitationToken(token), expiresAt: invitation.expiresAt }),
    ]);
    expect(stored[0]?.value).not.toContain(token);

    const [event] = await auditOf(invitation.staffMemberId, "staff.invited");
    expect(event).toMatchObject({
      actorType: "staff",
      actorId: admin.user.id,
      before: null,
      after: { userId: user?.id, email: "bo.billing@example.test", role: "billing", status: "invited" },
      metadata: { refreshed: false, newUser: true },
    });

    const list = await listStaff({ search: "bo.billing" });
    expect(list.data).toEqual([
      expect.objectContaining({
        name: "Bo Billing",
        status: "invited",
        invitedBy: { id: admin.user.id, name: "Ada Admin" },
        invitationExpiresAt: invitation.expiresAt,
      }),
    ]);
  });

  it("re-inviting someone still invited renews the link and role instead of adding a row", async () => {
    const admin = await signedInStaff("admin");
    const first = await inviteStaff({ actor: admin.actor, email: "sam@example.test", name: "Sam", role: "viewer" });
    const firstToken = await invitationTokenFor("sam@example.test");

    const second = await inviteStaff({ actor: admin.actor, email: "SAM@example.test", name: "Sam S", role: "support" });

    expect(second).toMatchObject({ staffMemberId: first.staffMemberId, role: "support", refreshed: true });
    const user = await findUserByEmail(db, "sam@example.test");
    const rows = await db
      .select()
      .from(staffMembers)
      .where(eq(staffMembers.userId, user?.id ?? ""));
    expect(rows).toEqual([expect.objectContaining({ role: "support", status: "invited" })]);
    const links = await db
      .select()
      .from(verifications)
      .where(eq(verifications.identifier, invitationIdentifier(first.staffMemberId)));
    const secondToken = await invitationTokenFor("sam@example.test");
    expect(secondToken).not.toBe(firstToken);
    expect(links.map((link) => link.value)).toEqual([hashInvitationToken(secondToken)]);
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.to, "sam@example.test"))).toHaveLength(2);
    const events = await auditOf(first.staffMemberId, "staff.invited");
    expect(events.map((event) => event.before)).toEqual([null, { role: "viewer", status: "invited" }]);
  });

  it("refuses an email that is already active staff (409 naming it), bad emails and unknown roles (400)", async () => {
    const admin = await signedInStaff("admin");
    await signedInStaff("operations", { email: "ops@example.test" });

    const duplicate = await rejection(
      inviteStaff({ actor: admin.actor, email: "OPS@example.test", name: "Ops", role: "viewer" }),
    );
    expect(duplicate).toMatchObject({ code: "conflict", status: 409 });
    expect(duplicate.message).toContain("ops@example.test is already an active staff member");

    const malformed = await rejection(inviteStaff({ actor: admin.actor, email: "nope", name: "X", role: "viewer" }));
    expect(malformed).toMatchObject({ code: "validation_failed", status: 400 });
    expect(malformed.details).toEqual([expect.objectContaining({ path: "email" })]);

    const badRole = await rejection(
      inviteStaff({ actor: admin.actor, email: "x@example.test", name: "X", role: "owner" as "viewer" }),
    );
    expect(badRole.message).toMatch(/role/);
    const noName = await rejection(
      inviteStaff({ actor: admin.actor, email: "x@example.test", name: " ", role: "viewer" }),
    );
    expect(noName.details).toEqual([expect.objectContaining({ path: "name" })]);
    expect(await findUserByEmail(db, "x@example.test")).toBeUndefined();
  });

  it("invites an existing tenant-app user without creating a second user or renaming them", async () => {
    const admin = await signedInStaff("admin");
    const tenant = await createTenant(db);
    const member = await createMember(db, { tenantId: tenant.id, email: "both@example.test", name: "Pat Plumber" });

    const invitation = await inviteStaff({
      actor: admin.actor,
      email: "both@example.test",
      name: "Patricia",
      role: "success",
    });

    const [row] = await db.select().from(staffMembers).where(eq(staffMembers.id, invitation.staffMemberId));
    expect(row?.userId).toBe(member.user.id);
    expect((await findUserByEmail(db, "both@example.test"))?.name).toBe("Pat Plumber");
    const [event] = await auditOf(invitation.staffMemberId, "staff.invited");
    expect(event?.metadata).toMatchObject({ newUser: false });
  });

  it("re-inviting a deactivated member makes them invited again, needing a fresh acceptance", async () => {
    const admin = await signedInStaff("admin");
    const leaver = await signedInStaff("support", { email: "leaver@example.test" });
    await deactivateStaff({ actor: admin.actor, staffMemberId: leaver.staff.id });

    const invitation = await inviteStaff({
      actor: admin.actor,
      email: "leaver@example.test",
      name: "L",
      role: "viewer",
    });

    expect(invitation).toMatchObject({ staffMemberId: leaver.staff.id, refreshed: true });
    const [row] = await db.select().from(staffMembers).where(eq(staffMembers.id, leaver.staff.id));
    expect(row).toMatchObject({ status: "invited", role: "viewer", deactivatedAt: null });
  });
});
