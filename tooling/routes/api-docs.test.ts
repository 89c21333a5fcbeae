import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { renderApiDocs } from "./api-docs";

it("docs/api.md matches the routes on disk (run `npm run docs:api` after changing a route)", () => {
  const committed = readFileSync(path.resolve(import.meta.dirname, "../../docs/api.md"), "utf8");
  expect(committed).toBe(renderApiDocs());
});
