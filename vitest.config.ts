import { defineConfig } from "vitest/config";

const ignored = ["**/node_modules/**", "**/.next/**", "**/.data/**"];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["{apps,packages,scripts,tooling}/**/*.test.{ts,tsx}"],
          exclude: [...ignored, "**/*.integration.test.ts"],
          environment: "node",
        },
      },
      {
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
