// Node module hooks for the benchmark: `@/…` inside apps/<app>/ means that app's root (its tsconfig
// paths), as vitest.config.ts's appRootAlias does for tests, so route modules load in-process.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export async function resolve(specifier, context, nextResolve) {
  const app = context.parentURL?.match(/\/apps\/([^/]+)\//)?.[1];
  if (!specifier.startsWith("@/") || !app) return nextResolve(specifier, context);
  const target = path.join(ROOT, "apps", app, specifier.slice(2));
  for (const candidate of [`${target}.ts`, `${target}.tsx`, path.join(target, "index.ts"), target]) {
    try {
      return await nextResolve(pathToFileURL(candidate).href, context);
    } catch {
      // try the next extension
    }
  }
  return nextResolve(specifier, context);
}
