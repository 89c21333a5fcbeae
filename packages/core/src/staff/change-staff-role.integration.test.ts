import { db } from "@pp/db";
import { staffMembers } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { changeStaffRole } from "./change-staff-role";
import { inviteStaff } from "./invite-staff";
import { auditOf, rejection, signedInStaff } from "./testing";

// The last-admin rule counts every staff row, so each test starts from an empty staff table.
beforeEach(async () => {
  await db.delete(staffMembers);
});

describe("changeStaffRole", () => {
  it("changes the role and audits who it was before and after", async () => {
    const admin = await signedInStaff("admin");
    const viewer = await signedInStaff("viewer", { email: "vic@example.test" });

    await expect(
      changeStaffRole({ actor: admin.actor, staffMemberId: viewer.staff.id, role: "billing" }),
    ).resolves.toEqual({
      id: viewer.staff.id,
      role: "billing",
      status: "active",
      changed: true,
    });

    const [row] = await db.select().from(staffMembers).where(eq(staffMembers.id, viewer.staff.id));
    expect(row?.role).toBe("billing");
    const events = await auditOf(viewer.staff.id, "staff.role_changed");
    expect(events).toEqual([
      expect.objectContaining({
        actorType: "staff",
        actorId: admin.user.id,
        before: { userId: viewer.user.id, email: "vic@example.test", role: "viewer" },
        after: { userId: viewer.user.id, email: "vic@example.test", role: "billing" },
      }),
    ]);
  });

  it("leaves an unchanged role alone and unaudited, and changes an invited member's future role", async () => {
    const admin = await signedInStaff("admin");
    const viewer = await signedInStaff("viewer");
    await expect(
      changeStaffRole({ actor: admin.actor, staffMemberId: viewer.staff.id, role: "viewer" }),
    ).resolves.toMatchObject({
      changed: false,
    });
    expect(await auditOf(viewer.staff.id, "staff.role_changed")).toHaveLength(0);

    const invited = await inviteStaff({ actor: admin.actor, email: "new@example.test", name: "New", role: "viewer" });
    await expect(
      changeStaffRole({ actor: admin.actor, staffMemberId: invited.staffMemberId, role: "operations" }),
    ).resolves.toMatchObject({ role: "operations", status: "invited", changed: true });
  });

  it("refuses to let anyone change their own role (409, so an admin cannot lock themselves out)", async () => {
    const admin = await signedInStaff("admin");
    await signedInStaff("admin");

    const refused = await rejection(
      changeStaffRole({ actor: admin.actor, staffMemberId: admin.staff.id, role: "viewer" }),
    );
    expect(refused).toMatchObject({ code: "conflict", status: 409 });
    expect(refused.message).toBe("You cannot change your own role — ask another admin to do it");
    const [row] = await db.select().from(staffMembers).where(eq(staffMembers.id, admin.staff.id));
    expect(row?.role).toBe("admin");
  });

  it("never demotes the last active admin, and does once another admin is active", async () => {
    const lastAdmin = await signedInStaff("admin", { name: "Lee Last" });
    // An actor other than the last admin: e.g. an admin deactivated after signing in, or a script.
    const other = await signedInStaff("operations");

    const refused = await rejection(
      changeStaffRole({ actor: other.actor, staffMemberId: lastAdmin.staff.id, role: "viewer" }),
    );
    expect(refused).toMatchObject({ code: "conflict", status: 409 });
    expect(refused.message).toMatch(/^Lee Last is the only active admin and cannot be demoted/);

    // An invited admin does not count: they cannot sign in yet.
    const admin = await signedInStaff("admin");
    await inviteStaff({ actor: admin.actor, email: "pending-admin@example.test", name: "P", role: "admin" });
    await expect(
      changeStaffRole({ actor: admin.actor, staffMemberId: lastAdmin.staff.id, role: "viewer" }),
    ).resolves.toMatchObject({ changed: true });
    const again = await rejection(
      changeStaffRole({ actor: other.actor, staffMemberId: admin.staff.id, role: "viewer" }),
    );
    expect(again.message).toMatch(/only active admin/);
  });

  it("keeps one admin when two admins demote each other at the same moment", async () => {
    const a = await signedInStaff("admin");
    const b = await signedInStaff("admin");
    const results = await Promise.allSettled([
      changeStaffRole({ actor: a.actor, staffMemberId: b.staff.id, role: "viewer" }),
      changeStaffRole({ actor: b.actor, staffMemberId: a.staff.id, role: "viewer" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db.select().from(staffMembers).where(eq(staffMembers.role, "admin"))).toHaveLength(1);
  });

  it("answers 404 for unknown and malformed ids, and 400 for an unknown role", async () => {
    const admin = await signedInStaff("admin");
    for (const staffMemberId of ["0190a0a0-0000-7000-8000-000000000000", "not-a-uuid", ""]) {
      const error = await rejection(changeStaffRole({ actor: admin.actor, staffMemberId, role: "viewer" }));
      expect(error).toMatchObject({ code: "not_found", status: 404, message: "Staff member not found" });
    }
    const viewer = await signedInStaff("viewer");
    const badRole = await rejection(
      changeStaffRole({ actor: admin.actor, staffMemberId: viewer.staff.id, role: "owner" as "viewer" }),
    );
    expect(badRole).toMatchObject({ code: "validation_failed", status: 400 });
    expect(badRole.message).toMatch(/role/);
  });
});
