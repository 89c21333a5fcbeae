import { defineConfig } from "drizzle-kit";

// Generation only: migrations are committed SQL and applied by `npm run db:migrate`, never pushed.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
});
