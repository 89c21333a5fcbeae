import { existsSync } from "node:fs";
import path from "node:path";
import { STAFF_PERMISSIONS } from "@pp/core/auth/permissions";
import { describe, expect, it } from "vitest";
import { linkIfAvailable, NAVIGATION, permissionFor, visibleNavigation } from "./navigation";

describe("navigation registry", () => {
  it("uses the runbook §11 names and never the old ones", () => {
    const labels = NAVIGATION.map((item) => item.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        "Tenant Onboarding",
        "Pricing & Offers",
        "Support & Incidents",
        "Integrations Hub",
        "Security & Compliance",
      ]),
    );
    expect(labels.join(" ")).not.toMatch(/Provisioning|Monetization|Dunning/);
    expect(labels).not.toEqual(expect.arrayContaining(["Federation"]));
    expect(labels).not.toEqual(expect.arrayContaining(["Incidents"]));
    expect(NAVIGATION.find((item) => item.label === "Integrations Hub")?.subtitle).toBe("Federation");
  });

  it("shows only built pages the role may read", () => {
    for (const role of Object.keys(STAFF_PERMISSIONS) as (keyof typeof STAFF_PERMISSIONS)[]) {
      for (const item of visibleNavigation(role)) {
        expect(item.built).toBe(true);
        expect(STAFF_PERMISSIONS[role]).toContain(item.permission);
      }
    }
    expect(visibleNavigation("viewer").map((item) => item.href)).toEqual(
      expect.arrayContaining(["/provider", "/provider/clients"]),
    );
    // Settings needs settings:manage, which only admins hold.
    expect(visibleNavigation("viewer").some((item) => item.href === "/provider/settings")).toBe(false);
  });

  it("marks built exactly the pages that exist on disk, and links only to those", () => {
    const appDir = path.resolve(import.meta.dirname, "../app");
    for (const item of NAVIGATION) {
      const page = path.join(appDir, item.href, "page.tsx");
      expect(existsSync(page), `${item.href} built=${item.built}`).toBe(item.built);
      expect(linkIfAvailable("admin", item.href, "?x=1")).toBe(item.built ? `${item.href}?x=1` : undefined);
    }
    expect(linkIfAvailable("viewer", "/provider/clients", "?status=trial")).toBe("/provider/clients?status=trial");
    expect(() => permissionFor("/provider/typo")).toThrow(/not in lib\/navigation.ts/);
  });
});
