import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];

export type RouteFile = {
  /** e.g. "/api/provider/tenants/[id]/overview" */
  template: string;
  file: string;
  source: string;
};

const ROOT = path.resolve(import.meta.dirname, "../..");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : name === "route.ts" ? [full] : [];
  });
}

/** Every API route of an app, found on disk the way Next.js finds them — not a hand-written list. */
export function listRouteFiles(app: "provider-portal" | "tenant-app"): RouteFile[] {
  const appDir = path.join(ROOT, "apps", app, "app");
  return walk(path.join(appDir, "api"))
    .map((file) => ({
      file,
      template: `/${path.relative(appDir, path.dirname(file)).split(path.sep).join("/")}`,
      source: readFileSync(file, "utf8"),
    }))
    .sort((a, b) => a.template.localeCompare(b.template));
}

/** The exported methods of a route file, each with the statement that builds it. */
export function exportedMethods(route: RouteFile): { method: Method; statement: string }[] {
  const starts = [...route.source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)];
  return starts.map((match, index) => {
    const end = starts[index + 1]?.index ?? route.source.length;
    return { method: match[1] as Method, statement: route.source.slice(match.index, end) };
  });
}

/** The `[name]` segments of a template. */
export function paramNames(template: string): string[] {
  return [...template.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((match) => match[1] ?? "");
}

export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => values[name] ?? "missing");
}

export type RouteModule = Partial<
  Record<Method, (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>>
>;
