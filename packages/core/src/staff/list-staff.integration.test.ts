import { describe, expect, it } from "vitest";
import { deactivateStaff } from "./deactivate-staff";
import { getStaffSummary } from "./get-staff-summary";
import { inviteStaff } from "./invite-staff";
import { listStaff } from "./list-staff";
import { rejection, signedInStaff } from "./testing";

describe("listStaff", () => {
  it("lists staff A→Z with status, filters by status, role and search, and pages by cursor", async () => {
    const admin = await signedInStaff("admin", { name: "Alex Admin", email: "alex@example.test" });
    const carol = await signedInStaff("billing", { name: "carol Billing", email: "carol@example.test" });
    await signedInStaff("viewer", { name: "Bea Viewer", email: "bea@example.test" });
    await inviteStaff({ actor: admin.actor, email: "dan@example.test", name: "Dan Invited", role: "support" });
    await deactivateStaff({ actor: admin.actor, staffMemberId: carol.staff.id });

    const all = await listStaff({ limit: 100 });
    expect(all.data.map((row) => [row.name, row.status])).toEqual([
      ["Alex Admin", "active"],
      ["Bea Viewer", "active"],
      ["carol Billing", "deactivated"],
      ["Dan Invited", "invited"],
    ]);
    expect(all.data[2]?.deactivatedAt).toBeInstanceOf(Date);
    expect(all.data[0]?.invitationExpiresAt).toBeNull();
    expect(all.data[3]?.invitationExpiresAt).toBeInstanceOf(Date);
    expect(all.nextCursor).toBeNull();

    expect((await listStaff({ status: "invited" })).data.map((row) => row.email)).toEqual(["dan@example.test"]);
    expect((await listStaff({ role: "viewer" })).data.map((row) => row.email)).toEqual(["bea@example.test"]);
    expect((await listStaff({ search: "CAROL" })).data.map((row) => row.email)).toEqual(["carol@example.test"]);
    expect((await listStaff({ search: "100%" })).data).toEqual([]);

    const first = await listStaff({ limit: 3 });
    expect(first.data).toHaveLength(3);
    const second = await listStaff({ limit: 3, cursor: first.nextCursor ?? "" });
    expect(second.data.map((row) => row.name)).toEqual(["Dan Invited"]);
    expect(second.nextCursor).toBeNull();

    expect(await rejection(listStaff({ cursor: "not-a-cursor!" }))).toMatchObject({ code: "validation_failed" });
  });

  it("counts staff by status and active staff by role, flagging expired invitations", async () => {
    const before = await getStaffSummary();
    const admin = await signedInStaff("admin");
    await signedInStaff("support");
    await inviteStaff({
      actor: admin.actor,
      email: "old@example.test",
      name: "Old",
      role: "viewer",
      now: new Date("2024-01-01"),
    });
    await inviteStaff({ actor: admin.actor, email: "fresh@example.test", name: "Fresh", role: "viewer" });

    const after = await getStaffSummary();
    expect(after.active - before.active).toBe(2);
    expect(after.invited - before.invited).toBe(2);
    expect(after.invitationsExpired - before.invitationsExpired).toBe(1);
    expect(after.activeByRole.admin - before.activeByRole.admin).toBe(1);
    expect(after.activeByRole.support - before.activeByRole.support).toBe(1);
    expect(after.activeByRole.viewer - before.activeByRole.viewer).toBe(0);
  });
});
