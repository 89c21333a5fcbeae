import { createLogger, type Logger } from "./logger";

export type LogLine = Record<string, unknown> & { level: string; msg: string };

/** A logger whose lines tests can read back, parsed. */
export function captureLogs(level: "trace" | "debug" | "info" = "info"): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const destination = { write: (chunk: string) => void lines.push(JSON.parse(chunk)) };
  return { logger: createLogger({ level, destination }), lines };
}
