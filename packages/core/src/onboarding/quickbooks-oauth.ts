import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { db, type Executor } from "@pp/db";
import { tenantIntegrations, tenants } from "@pp/db/schema";
import { env } from "@pp/env";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { decryptSecret, encryptSecret } from "../crypto/encrypt-secret";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";

// "Connect QuickBooks": Intuit's OAuth 2.0 authorization-code flow for the client settings the
// Integrations step saved. https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/oauth-2.0

export const QUICKBOOKS_SCOPE = "com.intuit.quickbooks.accounting";
/** How long a started authorization may take before its state is refused. */
export const AUTHORIZATION_TTL_MS = 10 * 60 * 1000;
const TOKEN_TIMEOUT_MS = 10_000;

/** The one redirect URI (register it in the Intuit app); the state says which tenant it is for. */
export function quickbooksRedirectUri(): string {
  return `${env().portalUrl}/api/provider/integrations/quickbooks/callback`;
}

/** Kept in the integration's config while an authorization is in flight (never shown: see getOnboarding). */
type PendingAuthorization = { stateHash: string; userId: string; expiresAt: string };

type QuickbooksCredentials = {
  clientSecret: string;
  accessToken?: string;
  refreshToken?: string;
  accessTokenExpiresAt?: string;
  refreshTokenExpiresAt?: string;
};

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

function credentialsOf(ciphertext: string | null): QuickbooksCredentials | null {
  if (!ciphertext) return null;
  const parsed: unknown = JSON.parse(decryptSecret(ciphertext));
  return parsed && typeof parsed === "object" && "clientSecret" in parsed ? (parsed as QuickbooksCredentials) : null;
}

async function quickbooksIntegration(tx: Executor, tenantId: string) {
  const [row] = await tx
    .select()
    .from(tenantIntegrations)
    .where(and(eq(tenantIntegrations.tenantId, tenantId), eq(tenantIntegrations.kind, "quickbooks")))
    .for("update");
  return row ?? null;
}

export type StartQuickbooksAuthorizationOptions = {
  tenantId: string;
  actor: StaffActor;
  now?: Date;
  context?: AuditContext;
};

/**
 * Starts the authorization: a random state bound to the tenant and the staff member, stored
 * server-side (hashed) with a 10-minute expiry, and Intuit's authorize URL to send the browser to.
 * Starting again replaces an unfinished attempt.
 */
export async function startQuickbooksAuthorization(
  options: StartQuickbooksAuthorizationOptions,
  executor: Executor = db,
): Promise<{ authorizeUrl: string; expiresAt: Date }> {
  const { tenantId, actor } = options;
  const now = options.now ?? new Date();
  if (!isUuid(tenantId)) throw new AppError("not_found", "Tenant not found");
  return executor.transaction(async (tx) => {
    const [tenant] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId));
    if (!tenant) throw new AppError("not_found", "Tenant not found");
    const integration = await quickbooksIntegration(tx, tenantId);
    const clientId = typeof integration?.config.clientId === "string" ? integration.config.clientId : null;
    if (!integration || !clientId || !credentialsOf(integration.credentialsCiphertext)) {
      throw new AppError(
        "conflict",
        "Save the QuickBooks step (client id and secret) before connecting — there is nothing to authorize yet",
      );
    }
    // The tenant id rides in the state so the one fixed callback finds the integration.
    const state = `${tenantId}.${randomBytes(32).toString("base64url")}`;
    const expiresAt = new Date(now.getTime() + AUTHORIZATION_TTL_MS);
    const authorization: PendingAuthorization = {
      stateHash: sha256(state),
      userId: actor.userId,
      expiresAt: expiresAt.toISOString(),
    };
    await tx
      .update(tenantIntegrations)
      .set({ config: { ...integration.config, authorization }, updatedAt: now })
      .where(eq(tenantIntegrations.id, integration.id));
    await recordAuditEvent(
      {
        actor,
        action: "integration.quickbooks_authorization_started",
        tenantId,
        target: { type: "tenant_integration", id: integration.id },
        after: { expiresAt },
        context: options.context,
      },
      tx,
    );
    const url = new URL(env().QUICKBOOKS_AUTHORIZE_URL);
    url.searchParams.set("client_id", clientId);
    url.searchParams.set("response_type", "code");
    url.searchParams.set("scope", QUICKBOOKS_SCOPE);
    url.searchParams.set("redirect_uri", quickbooksRedirectUri());
    url.searchParams.set("state", state);
    return { authorizeUrl: url.toString(), expiresAt };
  });
}

export const ZQuickbooksCallback = z.object({
  state: z.string("is required").min(1, "is required").max(300),
  code: z.string().max(2000).optional(),
  realmId: z.string().max(100).optional(),
  /** Set by Intuit instead of `code` when the user declines (e.g. access_denied). */
  error: z.string().max(200).optional(),
  error_description: z.string().max(500).optional(),
});
export type TQuickbooksCallback = z.input<typeof ZQuickbooksCallback>;

export type CompleteQuickbooksAuthorizationOptions = TQuickbooksCallback & {
  actor: StaffActor;
  now?: Date;
  context?: AuditContext;
};

export type QuickbooksConnectResult = { tenantId: string; ok: boolean; status: string; message: string };

const ZTokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().int().positive(),
  x_refresh_token_expires_in: z.coerce.number().int().positive().optional(),
});

function badState(message: string): AppError {
  return new AppError("validation_failed", `state: ${message}`, { details: [{ path: "state", message }] });
}

/**
 * The OAuth callback. The state must match the one stored for that tenant, be unexpired and come
 * back to the staff member who started it (400 otherwise); it is then used up. The code is exchanged
 * at Intuit's token endpoint (POST, client credentials as HTTP Basic); the tokens are stored
 * encrypted with the realm id, and the integration turns connected. A refused exchange or a declined
 * consent leaves the integration in `error` with the reason, shown on the checklist.
 */
export async function completeQuickbooksAuthorization(
  options: CompleteQuickbooksAuthorizationOptions,
  executor: Executor = db,
): Promise<QuickbooksConnectResult> {
  const { actor, state } = options;
  const now = options.now ?? new Date();
  const tenantId = state.split(".")[0] ?? "";
  if (!isUuid(tenantId)) throw badState("is not a QuickBooks authorization this portal started");

  // 1. Check and use up the state (its own short transaction: no lock is held over the HTTP call).
  const claimed = await executor.transaction(async (tx) => {
    const integration = await quickbooksIntegration(tx, tenantId);
    const pending = integration?.config.authorization as PendingAuthorization | undefined;
    if (!integration || !pending)
      throw badState("does not match an authorization in progress — start Connect QuickBooks again");
    const expected = Buffer.from(pending.stateHash, "hex");
    const actual = Buffer.from(sha256(state), "hex");
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      throw badState("does not match the authorization in progress — start Connect QuickBooks again");
    }
    if (pending.userId !== actor.userId) {
      throw badState("belongs to an authorization another staff member started — start Connect QuickBooks yourself");
    }
    const { authorization: _used, ...config } = integration.config;
    await tx
      .update(tenantIntegrations)
      .set({ config, updatedAt: now })
      .where(eq(tenantIntegrations.id, integration.id));
    if (new Date(pending.expiresAt).getTime() <= now.getTime()) return { expired: true as const };
    return { expired: false as const, integration: { ...integration, config } };
  });
  if (claimed.expired) throw badState("has expired (authorizations last 10 minutes) — start Connect QuickBooks again");
  const { integration } = claimed;

  const fail = (message: string, reason: Record<string, unknown>) =>
    recordOutcome(executor, {
      integrationId: integration.id,
      tenantId,
      actor,
      now,
      context: options.context,
      ok: false,
      message,
      audit: reason,
    });

  if (options.error) {
    const why = options.error_description ? `${options.error}: ${options.error_description}` : options.error;
    return fail(`QuickBooks authorization was not granted (${why}) — try Connect QuickBooks again`, {
      error: options.error,
    });
  }
  if (!options.code || !options.realmId) {
    return fail("QuickBooks did not return an authorization code and company (realm) id — try again", {
      error: "missing_code",
    });
  }

  const clientId = String(integration.config.clientId ?? "");
  const credentials = credentialsOf(integration.credentialsCiphertext);
  if (!credentials) return fail("The QuickBooks client secret is missing — complete the QuickBooks step again", {});

  const exchange = await exchangeCode({ clientId, clientSecret: credentials.clientSecret, code: options.code });
  if (!exchange.ok) return fail(exchange.message, { error: exchange.error });

  const tokens = exchange.tokens;
  const secret = encryptSecret(
    JSON.stringify({
      clientSecret: credentials.clientSecret,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      accessTokenExpiresAt: new Date(now.getTime() + tokens.expires_in * 1000).toISOString(),
      ...(tokens.x_refresh_token_expires_in
        ? { refreshTokenExpiresAt: new Date(now.getTime() + tokens.x_refresh_token_expires_in * 1000).toISOString() }
        : {}),
    } satisfies QuickbooksCredentials),
  );
  return recordOutcome(executor, {
    integrationId: integration.id,
    tenantId,
    actor,
    now,
    context: options.context,
    ok: true,
    message: `Connected to QuickBooks company ${options.realmId}`,
    config: { ...integration.config, realmId: options.realmId, connectedAt: now.toISOString() },
    secret,
    audit: { realmId: options.realmId },
  });
}

type Exchange = { ok: true; tokens: z.output<typeof ZTokenResponse> } | { ok: false; error: string; message: string };

/** POST grant_type=authorization_code to the token endpoint with HTTP Basic client credentials. */
async function exchangeCode(input: { clientId: string; clientSecret: string; code: string }): Promise<Exchange> {
  const basic = Buffer.from(`${input.clientId}:${input.clientSecret}`).toString("base64");
  let response: Response;
  try {
    response = await fetch(env().QUICKBOOKS_TOKEN_URL, {
      method: "POST",
      headers: {
        authorization: `Basic ${basic}`,
        accept: "application/json",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: input.code,
        redirect_uri: quickbooksRedirectUri(),
      }).toString(),
      signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
      redirect: "error",
    });
  } catch (error) {
    const reason =
      error instanceof Error && error.name === "TimeoutError" ? "it did not answer in 10 s" : "it could not be reached";
    return { ok: false, error: "unreachable", message: `QuickBooks' token endpoint failed: ${reason} — try again` };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error =
      body && typeof body === "object" && "error" in body && typeof body.error === "string"
        ? body.error
        : `http_${response.status}`;
    return {
      ok: false,
      error,
      message: `QuickBooks refused the authorization (${error}, HTTP ${response.status}) — check the client id and secret, then connect again`,
    };
  }
  const tokens = ZTokenResponse.safeParse(body);
  if (!tokens.success) {
    return {
      ok: false,
      error: "invalid_token_response",
      message: "QuickBooks answered without usable tokens — try again",
    };
  }
  return { ok: true, tokens: tokens.data };
}

async function recordOutcome(
  executor: Executor,
  input: {
    integrationId: string;
    tenantId: string;
    actor: StaffActor;
    now: Date;
    context?: AuditContext;
    ok: boolean;
    message: string;
    config?: Record<string, unknown>;
    secret?: { ciphertext: string; keyId: string };
    audit: Record<string, unknown>;
  },
): Promise<QuickbooksConnectResult> {
  const status = input.ok ? "connected" : "error";
  await executor.transaction(async (tx) => {
    await tx
      .update(tenantIntegrations)
      .set({
        status,
        lastCheckedAt: input.now,
        lastError: input.ok ? null : input.message,
        updatedAt: input.now,
        ...(input.config ? { config: input.config } : {}),
        ...(input.secret
          ? { credentialsCiphertext: input.secret.ciphertext, credentialsKeyId: input.secret.keyId }
          : {}),
      })
      .where(eq(tenantIntegrations.id, input.integrationId));
    await recordAuditEvent(
      {
        actor: input.actor,
        action: input.ok ? "integration.quickbooks_connected" : "integration.quickbooks_connect_failed",
        tenantId: input.tenantId,
        target: { type: "tenant_integration", id: input.integrationId },
        after: { status, message: input.message, ...input.audit },
        context: input.context,
      },
      tx,
    );
  });
  return { tenantId: input.tenantId, ok: input.ok, status, message: input.message };
}
