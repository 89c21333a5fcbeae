import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { embeddedAccessMessage, folderClosedToOthers } from "./embedded-access";

const root = mkdtempSync(path.join(tmpdir(), "pp-access-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("folderClosedToOthers", () => {
  it("names the first folder on the way that others cannot enter (a clone under a mode-700 home)", () => {
    chmodSync(root, 0o755);
    const home = path.join(root, "home");
    mkdirSync(path.join(home, "clone", ".data"), { recursive: true });
    chmodSync(home, 0o700);
    expect(folderClosedToOthers(path.join(home, "clone", ".data", "postgres"))).toBe(home);
    expect(embeddedAccessMessage(home, "its data folder")).toContain(`chmod o+x ${home}`);
  });

  it("lets the postgres user into its own folders (the data directory is mode 700)", () => {
    const data = path.join(root, "srv2", "clone", ".data", "postgres");
    mkdirSync(data, { recursive: true });
    chmodSync(path.join(root, "srv2"), 0o755);
    chmodSync(data, 0o700);
    expect(folderClosedToOthers(data, process.getuid?.() ?? 0)).toBeUndefined();
    expect(folderClosedToOthers(data, -1)).toBe(data);
  });

  it("finds nothing when every folder is open", () => {
    const open = path.join(root, "srv", "clone");
    mkdirSync(open, { recursive: true });
    chmodSync(path.join(root, "srv"), 0o755);
    chmodSync(open, 0o755);
    expect(folderClosedToOthers(path.join(open, ".data", "postgres"))).toBeUndefined();
  });
});
