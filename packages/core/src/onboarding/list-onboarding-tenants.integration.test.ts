import { db } from "@pp/db";
import { createMember, createTenant } from "@pp/db/factories";
import { tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { MemberActor } from "../auth/actors";
import { rejection } from "../staff/testing";
import { getOnboarding } from "./get-onboarding";
import { listOnboardingTenants, ZOnboardingListQuery } from "./list-onboarding-tenants";
import { startOnboarding } from "./start-onboarding";

describe("one onboarding truth", () => {
  it("a tenant without a checklist is not started, whatever its column says; an owner can start their own", async () => {
    const tenant = await createTenant(db, { name: "Claims Progress Co", onboardingStatus: "in_progress" });
    const listed = () =>
      listOnboardingTenants(ZOnboardingListQuery.parse({ limit: 100 })).then((page) =>
        page.data.find((row) => row.tenantId === tenant.id),
      );
    expect(await listed()).toMatchObject({ status: "not_started", started: false, stalled: false });
    expect((await getOnboarding({ tenantId: tenant.id })).tenant.onboardingStatus).toBe("not_started");

    const owner = await createMember(db, { tenantId: tenant.id, role: "owner" });
    const actor: MemberActor = {
      kind: "member",
      userId: owner.user.id,
      email: owner.user.email,
      name: owner.user.name,
      role: "owner",
      tenantId: tenant.id,
      tenantSlug: tenant.slug,
      sessionId: "s",
    };
    const other = await createTenant(db, { onboardingStatus: "not_started" });
    expect((await rejection(startOnboarding({ tenantId: other.id, actor }))).status).toBe(404);
    const view = await startOnboarding({ tenantId: tenant.id, actor });
    expect(view.onboarding?.status).toBe("in_progress");
    expect(await listed()).toMatchObject({ status: "in_progress", started: true, stepsCompleted: 0 });
    const [row] = await db.select().from(tenants).where(eq(tenants.id, tenant.id));
    expect(row?.onboardingStatus).toBe("in_progress");
  });
});
