import { describe, expect, it } from "vitest";
import { type App, listLoadingBoundaries, listPages } from "./page-registry";

const APPS: App[] = ["provider-portal", "tenant-app"];

describe("the page registry", () => {
  it("finds the pages of both apps, dynamic ones with their params", () => {
    const portal = listPages("provider-portal");
    expect(portal.map((page) => page.template)).toContain("/provider/clients/[id]/billing");
    expect(portal.find((page) => page.template === "/provider/leads/[id]")?.params).toEqual(["id"]);
    const tenant = listPages("tenant-app");
    expect(tenant.find((page) => page.template === "/t/[slug]/leads/[leadId]")?.params).toEqual(["slug", "leadId"]);
  });

  // Next.js starts a streamed response (status 200) as soon as a loading.tsx fallback renders; a
  // notFound() inside that boundary can then only paint a not-found screen, never answer 404.
  it.each(APPS)("%s: no loading.tsx wraps a page whose own segments below it are dynamic", (app) => {
    const pages = listPages(app);
    const offending = listLoadingBoundaries(app).flatMap((boundary) =>
      pages
        .filter((page) => page.dir.startsWith(`${boundary}/`) || (boundary === "" && page.dir !== ""))
        .filter((page) => /\[[^\]]+\]/.test(page.dir.slice(boundary.length)))
        .map((page) => `${boundary}/loading.tsx wraps ${page.template}`),
    );
    expect(offending).toEqual([]);
  });
});
