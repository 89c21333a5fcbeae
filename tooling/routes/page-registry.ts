import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { paramNames } from "./route-registry";

export type App = "provider-portal" | "tenant-app";

export type PageFile = {
  /** The URL template, e.g. "/provider/clients/[id]/billing" (route groups dropped). */
  template: string;
  /** The folder of page.tsx, relative to the app's `app/` folder ("provider/clients/[id]/billing"). */
  dir: string;
  /** Its `[name]` segments, outermost first. */
  params: string[];
};

const ROOT = path.resolve(import.meta.dirname, "../..");

function walk(dir: string, file: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "api" || name.startsWith("_") ? [] : walk(full, file);
    return name === file ? [full] : [];
  });
}

function appDir(app: App): string {
  return path.join(ROOT, "apps", app, "app");
}

function relativeDir(app: App, file: string): string {
  return path.relative(appDir(app), path.dirname(file)).split(path.sep).join("/");
}

/** Every page of an app, found on disk the way Next.js finds them — not a hand-written list. */
export function listPages(app: App): PageFile[] {
  return walk(appDir(app), "page.tsx")
    .map((file) => {
      const dir = relativeDir(app, file);
      const segments = dir.split("/").filter((segment) => segment !== "" && !/^\(.*\)$/.test(segment));
      const template = `/${segments.join("/")}`;
      return { template, dir, params: paramNames(template) };
    })
    .sort((a, b) => a.template.localeCompare(b.template));
}

/** The folders (relative to `app/`) that hold a loading.tsx: each is a Suspense boundary over its subtree. */
export function listLoadingBoundaries(app: App): string[] {
  return walk(appDir(app), "loading.tsx")
    .map((file) => relativeDir(app, file))
    .sort();
}
