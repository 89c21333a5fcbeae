export * from "./client";
export { migrateDatabase, migrationsFolder } from "./migrate";
export * from "./server";
export * from "./errors";
