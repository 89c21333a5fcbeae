import { db } from "@pp/db";
import { createMember, createTenant, type Tenant } from "@pp/db/factories";
import { auditEvents, emailOutbox, memberships, tenantInvitations } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { MemberActor } from "../auth/actors";
import { AppError } from "../errors";
import { changeMemberRole } from "./change-member-role";
import { inviteMember } from "./invite-member";
import { listTeam } from "./list-team";
import { removeMember } from "./remove-member";
import { revokeInvitation } from "./revoke-invitation";

type Member = Awaited<ReturnType<typeof createMember>>;

function actorOf(tenant: Tenant, member: Member): MemberActor {
  return {
    kind: "member",
    userId: member.user.id,
    email: member.user.email,
    name: member.user.name,
    role: member.membership.role,
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    sessionId: "test-session",
  };
}

async function teamWithOwner() {
  const tenant = await createTenant(db, { name: "Rapid Rooter" });
  const owner = await createMember(db, { tenantId: tenant.id, role: "owner", name: "Olive Owner" });
  return { tenant, owner, actor: actorOf(tenant, owner) };
}

async function auditOf(tenantId: string, action: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.action, action)));
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("inviteMember", () => {
  it("creates a 7-day invitation, queues the email and audits it", async () => {
    const { tenant, actor } = await teamWithOwner();
    const now = new Date("2025-02-01T12:00:00Z");

    const invitation = await inviteMember({
      tenantId: tenant.id,
      actor,
      email: "  Dana@Example.TEST ",
      role: "dispatcher",
      now,
    });

    expect(invitation).toMatchObject({ email: "dana@example.test", role: "dispatcher", refreshed: false });
    expect(invitation.expiresAt.toISOString()).toBe("2025-02-08T12:00:00.000Z");
    const emails = await db.select().from(emailOutbox).where(eq(emailOutbox.tenantId, tenant.id));
    expect(emails).toEqual([
      expect.objectContaining({
        to: "dana@example.test",
        kind: "team_invitation",
        status: "queued",
        relatedId: invitation.id,
      }),
    ]);
    expect(emails[0]?.subject).toContain("Rapid Rooter");
    expect(emails[0]?.text).toContain("dispatcher");
    const [event] = await auditOf(tenant.id, "team.member_invited");
    expect(event).toMatchObject({
      actorType: "user",
      actorId: actor.userId,
      targetType: "tenant_invitation",
      targetId: invitation.id,
      before: null,
      after: { email: "dana@example.test", role: "dispatcher", expiresAt: "2025-02-08T12:00:00.000Z" },
    });
    const team = await listTeam({ tenantId: tenant.id, now });
    expect(team.invitations).toEqual([
      expect.objectContaining({ email: "dana@example.test", expired: false, invitedByName: "Olive Owner" }),
    ]);
  });

  it("re-inviting the same email refreshes the invitation instead of adding another", async () => {
    const { tenant, actor } = await teamWithOwner();
    const first = await inviteMember({
      tenantId: tenant.id,
      actor,
      email: "sam@example.test",
      role: "technician",
      now: new Date("2025-01-01T00:00:00Z"),
    });
    const second = await inviteMember({ tenantId: tenant.id, actor, email: "SAM@example.test", role: "dispatcher" });

    expect(second).toMatchObject({ id: first.id, role: "dispatcher", refreshed: true });
    const rows = await db.select().from(tenantInvitations).where(eq(tenantInvitations.tenantId, tenant.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 60 * 60 * 1000);
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.tenantId, tenant.id))).toHaveLength(2);
    const events = await auditOf(tenant.id, "team.member_invited");
    expect(events.map((event) => event.before)).toContainEqual(expect.objectContaining({ role: "technician" }));
  });

  it("refuses to invite someone already on the team (409) and a malformed email (400 naming the field)", async () => {
    const { tenant, actor } = await teamWithOwner();
    await createMember(db, { tenantId: tenant.id, role: "technician", email: "tech@example.test" });

    const duplicate = await rejection(
      inviteMember({ tenantId: tenant.id, actor, email: "TECH@example.test", role: "owner" }),
    );
    expect(duplicate).toMatchObject({
      code: "conflict",
      status: 409,
      message: "tech@example.test is already a member of this team",
    });

    const malformed = await rejection(
      inviteMember({ tenantId: tenant.id, actor, email: "not-an-email", role: "owner" }),
    );
    expect(malformed).toMatchObject({ code: "validation_failed", status: 400 });
    expect(malformed.message).toMatch(/email/);
    expect(malformed.details).toEqual([expect.objectContaining({ path: "email" })]);

    const badRole = await rejection(
      inviteMember({ tenantId: tenant.id, actor, email: "x@example.test", role: "admin" as "owner" }),
    );
    expect(badRole.message).toMatch(/role/);
    expect(await db.select().from(tenantInvitations).where(eq(tenantInvitations.tenantId, tenant.id))).toHaveLength(0);
    expect(await auditOf(tenant.id, "team.member_invited")).toHaveLength(0);
  });

  it("does not let an invitation in one tenant block or reveal another tenant's", async () => {
    const a = await teamWithOwner();
    const b = await teamWithOwner();
    await createMember(db, { tenantId: b.tenant.id, role: "technician", email: "shared@example.test" });
    await expect(
      inviteMember({ tenantId: a.tenant.id, actor: a.actor, email: "shared@example.test", role: "technician" }),
    ).resolves.toMatchObject({ refreshed: false });
  });
});

describe("changeMemberRole", () => {
  it("never demotes the last owner, and does once another owner exists", async () => {
    const { tenant, owner, actor } = await teamWithOwner();

    const refused = await rejection(
      changeMemberRole({ tenantId: tenant.id, actor, memberId: owner.membership.id, role: "dispatcher" }),
    );
    expect(refused).toMatchObject({ code: "conflict", status: 409 });
    expect(refused.message).toMatch(/only owner/);

    const second = await createMember(db, { tenantId: tenant.id, role: "technician" });
    await expect(
      changeMemberRole({ tenantId: tenant.id, actor, memberId: second.membership.id, role: "owner" }),
    ).resolves.toEqual({
      id: second.membership.id,
      role: "owner",
      changed: true,
    });
    await expect(
      changeMemberRole({ tenantId: tenant.id, actor, memberId: owner.membership.id, role: "dispatcher" }),
    ).resolves.toMatchObject({ changed: true });

    const events = await auditOf(tenant.id, "team.role_changed");
    expect(events).toHaveLength(2);
    expect(events).toContainEqual(
      expect.objectContaining({
        targetType: "membership",
        targetId: owner.membership.id,
        before: expect.objectContaining({ role: "owner" }),
        after: expect.objectContaining({ role: "dispatcher" }),
      }),
    );
  });

  it("leaves an unchanged role alone and unaudited; another tenant's member is not found", async () => {
    const { tenant, owner, actor } = await teamWithOwner();
    await expect(
      changeMemberRole({ tenantId: tenant.id, actor, memberId: owner.membership.id, role: "owner" }),
    ).resolves.toMatchObject({ changed: false });
    expect(await auditOf(tenant.id, "team.role_changed")).toHaveLength(0);

    const elsewhere = await teamWithOwner();
    for (const memberId of [elsewhere.owner.membership.id, "nope"]) {
      const error = await rejection(changeMemberRole({ tenantId: tenant.id, actor, memberId, role: "technician" }));
      expect(error).toMatchObject({ code: "not_found", message: "Team member not found" });
    }
    const [untouched] = await db.select().from(memberships).where(eq(memberships.id, elsewhere.owner.membership.id));
    expect(untouched?.role).toBe("owner");
  });
});

describe("removeMember", () => {
  it("removes a member and audits it, but never the last owner", async () => {
    const { tenant, owner, actor } = await teamWithOwner();
    const tech = await createMember(db, {
      tenantId: tenant.id,
      role: "technician",
      email: "leaving-tech@example.test",
    });

    await removeMember({ tenantId: tenant.id, actor, memberId: tech.membership.id });
    const team = await listTeam({ tenantId: tenant.id });
    expect(team.members.map((member) => member.id)).toEqual([owner.membership.id]);
    const [event] = await auditOf(tenant.id, "team.member_removed");
    expect(event).toMatchObject({
      targetId: tech.membership.id,
      before: expect.objectContaining({ email: "leaving-tech@example.test", role: "technician" }),
      after: null,
    });

    const refused = await rejection(removeMember({ tenantId: tenant.id, actor, memberId: owner.membership.id }));
    expect(refused).toMatchObject({ code: "conflict", status: 409 });
    expect(refused.message).toMatch(/only owner/);
  });

  it("keeps one owner when two owners remove each other at the same moment", async () => {
    const { tenant, owner, actor } = await teamWithOwner();
    const other = await createMember(db, { tenantId: tenant.id, role: "owner" });
    const results = await Promise.allSettled([
      removeMember({ tenantId: tenant.id, actor, memberId: other.membership.id }),
      removeMember({ tenantId: tenant.id, actor: actorOf(tenant, other), memberId: owner.membership.id }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const owners = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenant.id), eq(memberships.role, "owner")));
    expect(owners).toHaveLength(1);
  });
});

describe("revokeInvitation", () => {
  it("deletes a pending invitation and audits it; unknown ids are not found", async () => {
    const { tenant, actor } = await teamWithOwner();
    const invitation = await inviteMember({
      tenantId: tenant.id,
      actor,
      email: "gone@example.test",
      role: "technician",
    });

    await revokeInvitation({ tenantId: tenant.id, actor, invitationId: invitation.id });
    expect((await listTeam({ tenantId: tenant.id })).invitations).toEqual([]);
    const [event] = await auditOf(tenant.id, "team.invitation_revoked");
    expect(event).toMatchObject({
      targetId: invitation.id,
      before: expect.objectContaining({ email: "gone@example.test" }),
    });

    const again = await rejection(revokeInvitation({ tenantId: tenant.id, actor, invitationId: invitation.id }));
    expect(again).toMatchObject({ code: "not_found" });
    const other = await teamWithOwner();
    const theirs = await inviteMember({
      tenantId: other.tenant.id,
      actor: other.actor,
      email: "x@example.test",
      role: "technician",
    });
    expect(await rejection(revokeInvitation({ tenantId: tenant.id, actor, invitationId: theirs.id }))).toMatchObject({
      code: "not_found",
    });
  });
});
