import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { listPages } from "../tooling/routes/page-registry";
import { fillTemplate } from "../tooling/routes/route-registry";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { signIn } from "./harness/sign-in";

const { portalUrl, tenantUrl, staff, owner, otherTenant } = inject("e2e");

// Not an id at all, and a well-formed id of nothing: both are "not found".
const UNKNOWN_IDS = [randomUUID(), "no-such-thing"];

/** Status of each URL for the signed-in browser context (no redirects followed). */
async function statuses(session: BrowserSession, urls: string[]): Promise<string[]> {
  const seen: string[] = [];
  for (const url of urls) {
    const response = await session.context.request.get(url, { maxRedirects: 0 });
    seen.push(`${response.status()} ${new URL(url).pathname}`);
  }
  return seen;
}

describe("pages that cannot be found answer HTTP 404", () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it("every dynamic portal page, for an unknown id, signed in as an admin", async () => {
    await signIn(browser.page, portalUrl, staff, /\/provider$/);
    const dynamic = listPages("provider-portal").filter((page) => page.params.length > 0);
    expect(dynamic.length).toBeGreaterThan(5);
    const urls = dynamic.flatMap((page) =>
      UNKNOWN_IDS.map(
        (id) => `${portalUrl}${fillTemplate(page.template, Object.fromEntries(page.params.map((p) => [p, id])))}`,
      ),
    );
    urls.push(`${portalUrl}/provider/no-such-page`);
    const seen = await statuses(browser, urls);
    expect(seen.filter((line) => !line.startsWith("404 "))).toEqual([]);

    // What a person sees: the portal's not-found screen inside the shell, not a blank or an error.
    await browser.page.goto(urls[0] ?? portalUrl);
    await expect
      .poll(() =>
        browser.page
          .getByText(/not found|could not find/i)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await screenshot(browser.page, "portal-not-found");
  });

  it("every tenant page under an unknown or foreign workspace, and every dynamic one for an unknown id", async () => {
    await signIn(browser.page, tenantUrl, owner, new RegExp(`/t/${owner.slug}`));
    const pages = listPages("tenant-app").filter((page) => page.params.includes("slug"));
    const urls: string[] = [];
    for (const page of pages) {
      // Another tenant's workspace reads exactly like one that does not exist.
      for (const slug of ["no-such-workspace", otherTenant.slug])
        urls.push(`${tenantUrl}${fillTemplate(page.template, { slug })}`);
      const ids = page.params.filter((name) => name !== "slug");
      if (ids.length === 0) continue;
      for (const id of UNKNOWN_IDS) {
        const values = Object.fromEntries([["slug", owner.slug], ...ids.map((name) => [name, id])]);
        urls.push(`${tenantUrl}${fillTemplate(page.template, values)}`);
      }
    }
    expect(urls.length).toBeGreaterThan(20);
    const seen = await statuses(browser, urls);
    expect(seen.filter((line) => !line.startsWith("404 "))).toEqual([]);

    await browser.page.goto(`${tenantUrl}/t/${owner.slug}/leads/${UNKNOWN_IDS[0]}`);
    await expect.poll(() => browser.page.getByText("We could not find that").isVisible()).toBe(true);
    await screenshot(browser.page, "tenant-not-found");
  });
});
