// Shared factories and seeds: tests, `npm run seed:*` and benchmarks all build data through these.
export * from "./billing";
export * from "./catalog";
export * from "./copy";
export type { TenantProfile } from "./demo/context";
export { type ApiUsagePlan, generateApiUsage } from "./demo/generate-api-usage";
export * from "./demo/seed-demo";
export { DEMO_EMAIL_TLD, DEMO_SLUG_PREFIX } from "./demo/simulate-tenant";
export * from "./federation";
export * from "./ids";
export * from "./incidents";
export * from "./ingest-api-usage";
export * from "./leads";
export * from "./random";
export * from "./reference-data";
export * from "./seed-test-tenant";
export * from "./tenancy";
export * from "./usage";
export * from "./users";
