export { ZSnapshotRange as ZSnapshotBody } from "@pp/core/revenue/write-metrics-snapshots";
