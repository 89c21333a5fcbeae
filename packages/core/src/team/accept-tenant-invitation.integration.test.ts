import { db } from "@pp/db";
import { createMember, createTenant, createUser, type Tenant } from "@pp/db/factories";
import { auditEvents, emailOutbox, memberships, tenantInvitations, users, verifications } from "@pp/db/schema";
import { resetEnv } from "@pp/env";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MemberActor } from "../auth/actors";
import { createAuth } from "../auth/create-auth";
import { hashInvitationToken } from "../auth/invitation-token";
import { renderOutboxText } from "../email/outbox-link";
import { AppError } from "../errors";
import { acceptTenantInvitation } from "./accept-tenant-invitation";
import { getTenantInvitation } from "./get-tenant-invitation";
import { inviteMember } from "./invite-member";
import { listTeam } from "./list-team";
import { revokeInvitation } from "./revoke-invitation";
import { teamInvitationIdentifier } from "./team-rules";

beforeAll(() => {
  process.env.AUTH_SECRET = "test-secret-that-is-long-enough-for-better-auth";
  resetEnv();
});
afterAll(() => {
  resetEnv();
});

async function teamWithOwner() {
  const tenant = await createTenant(db, { name: "Rapid Rooter" });
  const owner = await createMember(db, { tenantId: tenant.id, role: "owner", name: "Olive Owner" });
  const actor: MemberActor = {
    kind: "member",
    userId: owner.user.id,
    email: owner.user.email,
    name: owner.user.name,
    role: "owner",
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    sessionId: "test-session",
  };
  return { tenant, owner, actor };
}

/** Invites `email` and returns the invitation with the token read back from the queued email's link. */
async function invite(tenant: Tenant, actor: MemberActor, email: string, options: { now?: Date } = {}) {
  const invitation = await inviteMember({ tenantId: tenant.id, actor, email, role: "technician", ...options });
  const [mail] = await db
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.relatedId, invitation.id))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(1);
  // As the invitee reads it: the outbox row itself holds no link (see email/outbox-secrets test).
  const token = mail && renderOutboxText(mail).match(/\/accept-invitation\?token=([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no accept link in the invitation email: ${mail?.text}`);
  return { invitation, token, mail };
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

const auth = () => createAuth("tenant", "http://localhost:3001");

describe("inviteMember's link", () => {
  it("emails an accept link whose token is stored only as a hash, expiring with the invitation", async () => {
    const { tenant, actor } = await teamWithOwner();
    const now = new Date();
    const { invitation, token, mail } = await invite(tenant, actor, "link@example.test", { now });

    expect(mail && renderOutboxText(mail)).toContain(`/accept-invitation?token=${token}`);
    // The row itself keeps neither the token nor the link, and the message expires with the invitation.
    expect(mail?.text).not.toContain(token);
    expect(mail?.secretCiphertext).not.toContain(token);
    expect(mail?.expiresAt?.toISOString()).toBe(invitation.expiresAt.toISOString());
    expect(mail?.text).not.toMatch(/Forgot password/i);
    const rows = await db
      .select()
      .from(verifications)
      .where(eq(verifications.identifier, teamInvitationIdentifier(invitation.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.value).toBe(hashInvitationToken(token));
    expect(rows[0]?.value).not.toContain(token);
    expect(rows[0]?.expiresAt.toISOString()).toBe(invitation.expiresAt.toISOString());

    const view = await getTenantInvitation({ token });
    expect(view).toMatchObject({
      tenantName: "Rapid Rooter",
      email: "link@example.test",
      role: "technician",
      invitedByName: "Olive Owner",
      expired: false,
      account: "none",
    });
  });

  it("re-inviting replaces the link: the old one is dead, the new one works", async () => {
    const { tenant, actor } = await teamWithOwner();
    const first = await invite(tenant, actor, "again@example.test");
    const second = await invite(tenant, actor, "again@example.test");
    expect(second.token).not.toBe(first.token);
    expect(await getTenantInvitation({ token: first.token })).toBeNull();
    const stale = await rejection(
      acceptTenantInvitation({ token: first.token, name: "Al", password: "a-long-password-1" }),
    );
    expect(stale).toMatchObject({ code: "not_found", status: 404 });
    await expect(
      acceptTenantInvitation({ token: second.token, name: "Al", password: "a-long-password-1" }),
    ).resolves.toMatchObject({ email: "again@example.test", newUser: true });
  });
});

describe("acceptTenantInvitation", () => {
  it("creates a new user who can sign in, with the invited role; the link then works no more", async () => {
    const { tenant, actor } = await teamWithOwner();
    const { invitation, token } = await invite(tenant, actor, "new-tech@example.test");

    const accepted = await acceptTenantInvitation({ token, name: " Nia Tech ", password: "correct-horse-42" });
    expect(accepted).toMatchObject({
      email: "new-tech@example.test",
      role: "technician",
      tenantSlug: tenant.slug,
      newUser: true,
    });

    const signedIn = await auth().api.signInEmail({
      body: { email: "new-tech@example.test", password: "correct-horse-42" },
    });
    expect(signedIn.user).toMatchObject({ email: "new-tech@example.test", name: "Nia Tech", emailVerified: true });
    expect(signedIn.user.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    const team = await listTeam({ tenantId: tenant.id });
    expect(team.members).toContainEqual(
      expect.objectContaining({ email: "new-tech@example.test", role: "technician", name: "Nia Tech" }),
    );
    expect(team.invitations).toEqual([]);
    const [row] = await db.select().from(tenantInvitations).where(eq(tenantInvitations.id, invitation.id));
    expect(row?.acceptedAt).toBeInstanceOf(Date);
    expect(
      await db
        .select()
        .from(verifications)
        .where(eq(verifications.identifier, teamInvitationIdentifier(invitation.id))),
    ).toEqual([]);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, tenant.id), eq(auditEvents.action, "team.invitation_accepted")));
    expect(event).toMatchObject({
      actorType: "system",
      actorLabel: "team invitation link",
      targetType: "tenant_invitation",
      targetId: invitation.id,
      after: expect.objectContaining({ userId: signedIn.user.id, role: "technician" }),
    });

    // Reusing the link: 404, nothing changes, no second audit event.
    const reused = await rejection(acceptTenantInvitation({ token, name: "Nia", password: "another-pass-99" }));
    expect(reused).toMatchObject({ code: "not_found", status: 404 });
    expect(reused.message).toMatch(/already used/);
    expect(await getTenantInvitation({ token })).toBeNull();
    await expect(
      auth().api.signInEmail({ body: { email: "new-tech@example.test", password: "another-pass-99" } }),
    ).rejects.toThrow();
  });

  it("asks a new user for a name and a long enough password (400 naming the field) and changes nothing", async () => {
    const { tenant, actor } = await teamWithOwner();
    const { token } = await invite(tenant, actor, "fields@example.test");

    const noPassword = await rejection(acceptTenantInvitation({ token, name: "Fay" }));
    expect(noPassword).toMatchObject({ code: "validation_failed", status: 400 });
    expect(noPassword.details).toEqual([expect.objectContaining({ path: "password" })]);
    const short = await rejection(acceptTenantInvitation({ token, name: "Fay", password: "short" }));
    expect(short.details).toEqual([
      expect.objectContaining({ path: "password", message: expect.stringMatching(/10/) }),
    ]);
    const noName = await rejection(acceptTenantInvitation({ token, name: "  ", password: "long-enough-pass" }));
    expect(noName.details).toEqual([expect.objectContaining({ path: "name" })]);

    expect(await db.select().from(users).where(eq(users.email, "fields@example.test"))).toEqual([]);
    expect(await getTenantInvitation({ token })).toMatchObject({ email: "fields@example.test" });
  });

  it("adds an existing user with a password to the team without touching their name or password", async () => {
    const { tenant, actor } = await teamWithOwner();
    const elsewhere = await createTenant(db, { name: "Other Co" });
    const { user } = await createMember(db, {
      tenantId: elsewhere.id,
      role: "owner",
      name: "Pat Existing",
      email: "pat@example.test",
      password: "pats-own-password",
    });
    const { token } = await invite(tenant, actor, "PAT@example.test");
    expect(await getTenantInvitation({ token })).toMatchObject({ account: "password" });

    const accepted = await acceptTenantInvitation({ token, name: "Ignored", password: "ignored-password" });
    expect(accepted).toMatchObject({ newUser: false, role: "technician" });
    const [membership] = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, user.id)));
    expect(membership?.role).toBe("technician");
    const signedIn = await auth().api.signInEmail({
      body: { email: "pat@example.test", password: "pats-own-password" },
    });
    expect(signedIn.user.name).toBe("Pat Existing");
    await expect(
      auth().api.signInEmail({ body: { email: "pat@example.test", password: "ignored-password" } }),
    ).rejects.toThrow();
  });

  it("lets an existing user without a password (e.g. a staff invitee) choose one, and signs them in", async () => {
    const { tenant, actor } = await teamWithOwner();
    await createUser(db, { email: "nopass@example.test", name: "Old Name" });
    const { token } = await invite(tenant, actor, "nopass@example.test");
    expect(await getTenantInvitation({ token })).toMatchObject({ account: "none" });

    const noPassword = await rejection(acceptTenantInvitation({ token, name: "Noa" }));
    expect(noPassword.details).toEqual([expect.objectContaining({ path: "password" })]);
    await expect(
      acceptTenantInvitation({ token, name: "Noa Pass", password: "chosen-password-1" }),
    ).resolves.toMatchObject({ newUser: false });
    const signedIn = await auth().api.signInEmail({
      body: { email: "nopass@example.test", password: "chosen-password-1" },
    });
    expect(signedIn.user).toMatchObject({ name: "Noa Pass", emailVerified: true });
  });

  it("refuses an expired link with 422 and keeps the invitation open", async () => {
    const { tenant, actor } = await teamWithOwner();
    const { token } = await invite(tenant, actor, "late@example.test", { now: new Date("2024-01-01T00:00:00Z") });
    expect(await getTenantInvitation({ token })).toMatchObject({ expired: true });

    const expired = await rejection(acceptTenantInvitation({ token, name: "Lee", password: "long-enough-pass" }));
    expect(expired).toMatchObject({ code: "unprocessable", status: 422 });
    expect(expired.message).toMatch(/expired on/);
    expect((await listTeam({ tenantId: tenant.id })).invitations).toHaveLength(1);
    expect(await db.select().from(users).where(eq(users.email, "late@example.test"))).toEqual([]);
  });

  it("answers 409 when the invitee joined the team some other way meanwhile", async () => {
    const { tenant, actor } = await teamWithOwner();
    const { token, invitation } = await invite(tenant, actor, "dup@example.test");
    await createMember(db, {
      tenantId: tenant.id,
      role: "dispatcher",
      email: "dup@example.test",
      password: "dups-password",
    });

    const conflict = await rejection(acceptTenantInvitation({ token }));
    expect(conflict).toMatchObject({ code: "conflict", status: 409 });
    expect(conflict.message).toMatch(/already a member of Rapid Rooter/);
    const [row] = await db.select().from(tenantInvitations).where(eq(tenantInvitations.id, invitation.id));
    expect(row?.acceptedAt).toBeNull();
  });

  it("kills the link when the owner revokes the invitation", async () => {
    const { tenant, actor } = await teamWithOwner();
    const { token, invitation } = await invite(tenant, actor, "revoked@example.test");
    await revokeInvitation({ tenantId: tenant.id, actor, invitationId: invitation.id });

    expect(
      await db
        .select()
        .from(verifications)
        .where(eq(verifications.identifier, teamInvitationIdentifier(invitation.id))),
    ).toEqual([]);
    expect(await getTenantInvitation({ token })).toBeNull();
    const dead = await rejection(acceptTenantInvitation({ token, name: "Rey", password: "long-enough-pass" }));
    expect(dead).toMatchObject({ code: "not_found", status: 404 });
    expect(await db.select().from(users).where(eq(users.email, "revoked@example.test"))).toEqual([]);
  });

  it("refuses a made-up token before doing any work", async () => {
    expect(await getTenantInvitation({ token: "not-a-real-token" })).toBeNull();
    const error = await rejection(
      acceptTenantInvitation({ token: "not-a-real-token", name: "X", password: "long-enough-pass" }),
    );
    expect(error).toMatchObject({ code: "not_found", status: 404 });
    expect(await rejection(acceptTenantInvitation({ token: "" }))).toMatchObject({ code: "validation_failed" });
  });
});
