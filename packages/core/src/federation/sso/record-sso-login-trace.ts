import { db } from "@pp/db";
import { ssoLoginTraces } from "@pp/db/schema";
import type { SsoStage } from "./sso-errors";

export type SsoLoginTraceInput = {
  connectionId?: string | null;
  email?: string | null;
  stage: SsoStage;
  /** What went wrong, for the operator reading the Providers tab; never a secret or a token. */
  error: string;
  requestId?: string;
};

const MAX_ERROR_LENGTH = 1000;

/** One failed SSO login, for the Integrations Hub's traces; a trace that cannot be written never hides the failure. */
export async function recordSsoLoginTrace(input: SsoLoginTraceInput): Promise<void> {
  await db.insert(ssoLoginTraces).values({
    connectionId: input.connectionId ?? null,
    email: input.email?.slice(0, 320) || null,
    stage: input.stage,
    error: input.error.slice(0, MAX_ERROR_LENGTH),
    requestId: input.requestId ?? null,
  });
}
