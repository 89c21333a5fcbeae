export * from "./client";
export * from "./errors";
export * from "./usage-rollup-levels";
export * from "./usage-rollup-pending";
