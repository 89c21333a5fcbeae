import { readdirSync, statSync } from "node:fs";
import path from "node:path";

export type PageFile = {
  /** e.g. "/provider/clients/[id]/billing" */
  template: string;
  file: string;
};

const ROOT = path.resolve(import.meta.dirname, "../..");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : name === "page.tsx" ? [full] : [];
  });
}

/** Every page of an app, found on disk the way Next.js finds them (route groups `(x)` drop out). */
export function listPageFiles(app: "provider-portal" | "tenant-app"): PageFile[] {
  const appDir = path.join(ROOT, "apps", app, "app");
  return walk(appDir)
    .map((file) => {
      const segments = path.relative(appDir, path.dirname(file)).split(path.sep);
      const visible = segments.filter((segment) => segment && !/^\(.*\)$/.test(segment));
      return { file, template: `/${visible.join("/")}` };
    })
    .sort((a, b) => a.template.localeCompare(b.template));
}
