import { describe, expect, it } from "vitest";
import { checkFile } from "./rules";

// Fixtures: the imports each rule exists to refuse, at the paths where they would be refused.
describe("import boundaries", () => {
  it("refuses core → http, React and Next", () => {
    const fixture = `import { compose } from "@pp/http";\nimport { useState } from "react";\nimport { notFound } from "next/navigation";\nexport const x = [compose, useState, notFound];\n`;
    const violations = checkFile("packages/core/src/billing/bad.ts", fixture);
    expect(violations.map((v) => v.line)).toEqual([1, 2, 3]);
    expect(violations[0]?.message).toContain("env ← db ← core ← http ← apps");
  });

  it("refuses runtime imports of core or db in the UI kit, and allows types", () => {
    const runtime = `import { AppError } from "@pp/core/errors";\n`;
    const types = `import type { Page } from "@pp/core/pagination";\nimport { type Trade } from "@pp/db/schema";\n`;
    expect(checkFile("packages/ui/src/bad.tsx", runtime)).toHaveLength(1);
    expect(checkFile("packages/ui/src/fine.tsx", types)).toEqual([]);
  });

  it("lets app pages import enum arrays and types from @pp/db/schema, never tables or the db handle", () => {
    const table = `import { LEAD_STATUSES, leads } from "@pp/db/schema";\n`;
    const handle = `import { db } from "@pp/db";\n`;
    const fine = `import { LEAD_STATUSES, type Lead } from "@pp/db/schema";\n`;
    expect(checkFile("apps/provider-portal/app/provider/leads/page.tsx", table)[0]?.message).toContain("leads from");
    expect(checkFile("apps/tenant-app/app/api/v1/leads/route.ts", handle)).toHaveLength(1);
    expect(checkFile("apps/provider-portal/app/provider/leads/page.tsx", fine)).toEqual([]);
  });

  it("lets only packages/env read process.env (Next's build constants aside)", () => {
    const reads = `export const port = process.env.PORT;\n`;
    const runtime = `if (process.env.NEXT_RUNTIME === "nodejs") {}\n`;
    expect(checkFile("packages/core/src/jobs/bad.ts", reads)).toHaveLength(1);
    expect(checkFile("packages/env/src/index.ts", reads)).toEqual([]);
    expect(checkFile("apps/tenant-app/instrumentation.ts", runtime)).toEqual([]);
  });
});
