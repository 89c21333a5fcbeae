import type { z } from "zod";
import { fieldIssues, validationError } from "./errors";
import { findUnstorableValue } from "./input/storable";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a well-formed UUID: malformed ids answer "not found" before any query runs. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Parses a domain function's input, so callers other than the HTTP kit get the same 400s. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  // What the database cannot hold is refused for every caller, whatever the schema forgot.
  const unstorable = findUnstorableValue(input);
  if (unstorable) throw validationError([{ path: unstorable.path, message: unstorable.message }], describe);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationError(fieldIssues(result.error), describe);
}

const describe = (path: string) => (path ? `Invalid field "${path}"` : "Invalid input");
