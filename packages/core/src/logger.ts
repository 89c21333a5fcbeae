import { env } from "@pp/env";
import pino, { type DestinationStream, type Logger, type LoggerOptions } from "pino";
import { serializeLoggedError } from "./observability/loggable-error";

export type { Logger };

/** Field names whose values never reach a log line, wherever they sit. */
export const REDACTED_KEYS = [
  "authorization",
  "cookie",
  "set-cookie",
  "password",
  "clientSecret",
  "client_secret",
  "secret",
  "token",
  "accessToken",
  "refreshToken",
  "idToken",
  "apiKey",
  "api_key",
] as const;

// pino's redaction takes explicit paths; four levels covers headers, request bodies and nested config.
const REDACT_DEPTH = 4;

/** `key`, `*.key`, `*.*.key`, … with bracket syntax for names like `set-cookie`. */
export function redactPaths(keys: readonly string[] = REDACTED_KEYS, depth = REDACT_DEPTH): string[] {
  return keys.flatMap((key) => {
    const plain = /^[A-Za-z_$][\w$]*$/.test(key);
    return Array.from({ length: depth }, (_, level) => {
      const wildcards = Array.from({ length: level }, () => "*");
      if (plain) return [...wildcards, key].join(".");
      return `${wildcards.join(".")}["${key}"]`;
    });
  });
}

export type CreateLoggerOptions = {
  level?: LoggerOptions["level"];
  /** Where lines go; tests pass a stream to read them back. Defaults to stdout. */
  destination?: DestinationStream;
  /** The app the process serves, on every line (`"portal"`, `"tenant"`). */
  app?: string;
};

export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const settings: LoggerOptions = {
    level: options.level ?? env().LOG_LEVEL,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: redactPaths(), censor: "[redacted]" },
    ...(options.app ? { base: { app: options.app, pid: process.pid } } : {}),
    // A failed query is logged by its SQL text and PostgreSQL's code, never its parameters (request data).
    serializers: { err: serializeLoggedError },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

let root: Logger | undefined;
let processApp: string | undefined;

/** Names the app this process serves ("portal", "tenant"): every line after this carries `app`. */
export function nameLogApp(app: string): void {
  processApp = app;
  root = undefined;
}

/** The process-wide logger, created on first use so env() is read after start-up. */
export function rootLogger(): Logger {
  root ??= createLogger({ app: processApp });
  return root;
}
