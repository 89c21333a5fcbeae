import { describe, expect, it } from "vitest";
import { listPageFiles } from "./page-registry";

describe("page registry", () => {
  it("finds every page of both apps with its URL template", () => {
    const portal = listPageFiles("provider-portal").map((page) => page.template);
    const tenant = listPageFiles("tenant-app").map((page) => page.template);
    expect(portal).toEqual(expect.arrayContaining(["/", "/sign-in", "/provider", "/provider/clients/[id]/billing"]));
    expect(tenant).toEqual(expect.arrayContaining(["/sign-in", "/t/[slug]", "/t/[slug]/leads/[leadId]"]));
  });
});
