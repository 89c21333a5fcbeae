import path from "node:path";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

/** `@/…` means "this app's root" inside apps/<app>/, as in each app's tsconfig paths. */
function appRootAlias(): Plugin {
  return {
    name: "app-root-alias",
    enforce: "pre",
    resolveId(source, importer) {
      const app = importer?.match(/\/apps\/([^/]+)\//)?.[1];
      if (!source.startsWith("@/") || !app) return null;
      return this.resolve(path.join(import.meta.dirname, "apps", app, source.slice(2)), importer, { skipSelf: true });
    },
  };
}

const ignored = ["**/node_modules/**", "**/.next/**", "**/.data/**"];

export default defineConfig({
  plugins: [appRootAlias()],
  test: {
    // Request logs are for operators; tests read responses. Failures still log at error.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "error" },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{apps,packages,scripts,tooling}/**/*.test.{ts,tsx}"],
          exclude: [...ignored, "**/*.integration.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["{apps,packages,scripts,tooling}/**/*.integration.test.ts"],
          exclude: ignored,
          globalSetup: ["./tooling/vitest/database-server.ts"],
          setupFiles: ["./tooling/vitest/test-database.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["e2e/**/*.e2e.test.ts"],
          exclude: ignored,
          globalSetup: ["./e2e/harness/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 300_000,
          // One browser, two app servers: the files share them, one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
