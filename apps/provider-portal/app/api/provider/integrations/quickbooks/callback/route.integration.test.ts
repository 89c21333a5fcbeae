import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { decryptSecret } from "@pp/core/crypto/encrypt-secret";
import { startQuickbooksAuthorization } from "@pp/core/onboarding/quickbooks-oauth";
import { saveOnboarding } from "@pp/core/onboarding/save-onboarding";
import { startOnboarding } from "@pp/core/onboarding/start-onboarding";
import { staffActorOf } from "@pp/core/staff/testing";
import { db } from "@pp/db";
import { createStaffUser, createTenant, ensureReferenceData } from "@pp/db/factories";
import { auditEvents, tenantIntegrations } from "@pp/db/schema";
import { env, resetEnv } from "@pp/env";
import { callRoute, signInCookie } from "@pp/http/testing";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as AUTHORIZE } from "../../[tenantId]/quickbooks/authorize/route";
import { GET as CALLBACK } from "./route";

const PASSWORD = "correct-horse-battery";
const CLIENT_ID = "qb-client-id";
const CLIENT_SECRET = `qb-secret-${randomUUID()}`;
const ACCESS_TOKEN = `access-${randomUUID()}`;
const REFRESH_TOKEN = `refresh-${randomUUID()}`;

let tokenEndpoint: Server;
const exchanges: { headers: IncomingMessage["headers"]; form: URLSearchParams }[] = [];
let staff: Awaited<ReturnType<typeof createStaffUser>>;
let cookie = "";
let otherCookie = "";

async function signIn(email: string): Promise<string> {
  const { getAuth } = await import("../../../../../../lib/auth");
  return signInCookie(getAuth(), email, PASSWORD);
}

/**
 * A stand-in for Intuit's token endpoint: it checks what Intuit checks (grant type, code, redirect
 * URI, HTTP Basic client credentials) and answers like Intuit, with tokens or an OAuth error.
 */
function startTokenEndpoint(): Promise<string> {
  tokenEndpoint = createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk) => {
      raw += chunk;
    });
    request.on("end", () => {
      const form = new URLSearchParams(raw);
      exchanges.push({ headers: request.headers, form });
      const expectedAuth = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}`;
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      };
      if (request.method !== "POST" || request.headers.authorization !== expectedAuth) {
        return reply(401, { error: "invalid_client" });
      }
      if (
        form.get("grant_type") !== "authorization_code" ||
        form.get("redirect_uri") !== `${env().portalUrl}/api/provider/integrations/quickbooks/callback` ||
        form.get("code") !== "good-code"
      ) {
        return reply(400, { error: "invalid_grant" });
      }
      reply(200, {
        token_type: "bearer",
        access_token: ACCESS_TOKEN,
        refresh_token: REFRESH_TOKEN,
        expires_in: 3600,
        x_refresh_token_expires_in: 8_726_400,
      });
    });
  });
  return new Promise((resolve) =>
    tokenEndpoint.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(tokenEndpoint.address() as AddressInfo).port}/oauth2/v1/tokens/bearer`),
    ),
  );
}

beforeAll(async () => {
  process.env.AUTH_SECRET = "quickbooks-route-test-secret-of-enough-length";
  process.env.ENCRYPTION_KEYS = `v1:${randomBytes(32).toString("base64")}`;
  process.env.QUICKBOOKS_TOKEN_URL = await startTokenEndpoint();
  process.env.QUICKBOOKS_AUTHORIZE_URL = "https://appcenter.intuit.test/connect/oauth2";
  resetEnv();
  await ensureReferenceData(db);
  const suffix = randomUUID().slice(0, 8);
  staff = await createStaffUser(db, { role: "operations", email: `ops-${suffix}@qb.test`, password: PASSWORD });
  await createStaffUser(db, { role: "success", email: `success-${suffix}@qb.test`, password: PASSWORD });
  cookie = await signIn(`ops-${suffix}@qb.test`);
  otherCookie = await signIn(`success-${suffix}@qb.test`);
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => tokenEndpoint.close(() => resolve()));
  delete process.env.QUICKBOOKS_TOKEN_URL;
  delete process.env.QUICKBOOKS_AUTHORIZE_URL;
  resetEnv();
});

/** A tenant whose QuickBooks step is saved: settings stored, awaiting authorization. */
async function tenantAwaitingQuickbooks() {
  const tenant = await createTenant(db, { onboardingStatus: "not_started", name: "Ledger Heating" });
  const actor = staffActorOf(staff);
  await startOnboarding({ tenantId: tenant.id, actor });
  await saveOnboarding({
    tenantId: tenant.id,
    actor,
    version: 1,
    steps: {
      quickbooks_integration: {
        action: "complete",
        values: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, environment: "sandbox" },
      },
    },
  });
  return tenant;
}

async function authorize(tenantId: string, as = cookie) {
  const request = new Request(`${env().portalUrl}/api/provider/integrations/${tenantId}/quickbooks/authorize`, {
    method: "POST",
    headers: { cookie: as, origin: env().portalUrl },
  });
  return callRoute(AUTHORIZE, request, { tenantId });
}

async function stateFrom(tenantId: string): Promise<string> {
  const response = await authorize(tenantId);
  expect(response.status).toBe(200);
  const { authorizeUrl } = (await response.json()) as { authorizeUrl: string };
  return new URL(authorizeUrl).searchParams.get("state") ?? "";
}

function callback(query: Record<string, string>, as = cookie) {
  const url = new URL(`${env().portalUrl}/api/provider/integrations/quickbooks/callback`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return callRoute(CALLBACK, new Request(url, { headers: { cookie: as } }));
}

async function quickbooksOf(tenantId: string) {
  const [row] = await db
    .select()
    .from(tenantIntegrations)
    .where(and(eq(tenantIntegrations.tenantId, tenantId), eq(tenantIntegrations.kind, "quickbooks")));
  if (!row) throw new Error("no quickbooks integration");
  return row;
}

describe("Connect QuickBooks (OAuth 2.0 authorization code)", () => {
  it("sends the browser to Intuit with the client id, scope, redirect URI and a state bound to the tenant", async () => {
    const tenant = await tenantAwaitingQuickbooks();
    const response = await authorize(tenant.id);
    const { authorizeUrl } = (await response.json()) as { authorizeUrl: string };
    const url = new URL(authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe("https://appcenter.intuit.test/connect/oauth2");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: CLIENT_ID,
      response_type: "code",
      scope: "com.intuit.quickbooks.accounting",
      redirect_uri: `${env().portalUrl}/api/provider/integrations/quickbooks/callback`,
    });
    expect(url.searchParams.get("state")).toMatch(new RegExp(`^${tenant.id}\\.[A-Za-z0-9_-]{40,}$`));
    // Stored hashed, never in the clear.
    expect(JSON.stringify((await quickbooksOf(tenant.id)).config)).not.toContain(url.searchParams.get("state"));
  });

  it("exchanges the code with Basic client credentials, stores the tokens encrypted with the realm id, and connects", async () => {
    const tenant = await tenantAwaitingQuickbooks();
    const state = await stateFrom(tenant.id);
    const before = exchanges.length;
    const response = await callback({ state, code: "good-code", realmId: "9130350000000" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(
      `${env().portalUrl}/provider/tenant-onboarding/${tenant.id}?quickbooks=connected#quickbooks_integration-title`,
    );
    const exchange = exchanges[before];
    expect(exchange?.form.get("grant_type")).toBe("authorization_code");
    expect(exchange?.headers["content-type"]).toBe("application/x-www-form-urlencoded");

    const row = await quickbooksOf(tenant.id);
    expect(row).toMatchObject({ status: "connected", lastError: null });
    expect(row.config).toMatchObject({ clientId: CLIENT_ID, realmId: "9130350000000" });
    expect(row.config).not.toHaveProperty("authorization");
    expect(row.credentialsCiphertext).not.toContain(ACCESS_TOKEN);
    const stored = JSON.parse(decryptSecret(row.credentialsCiphertext ?? "")) as Record<string, string>;
    expect(stored).toMatchObject({
      clientSecret: CLIENT_SECRET,
      accessToken: ACCESS_TOKEN,
      refreshToken: REFRESH_TOKEN,
    });

    const audit = await db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenant.id));
    expect(audit.map((event) => event.action)).toContain("integration.quickbooks_connected");
    expect(JSON.stringify(audit)).not.toContain(ACCESS_TOKEN);
    expect(JSON.stringify(audit)).not.toContain(REFRESH_TOKEN);

    // The state is used up: replaying the callback is refused.
    const replay = await callback({ state, code: "good-code", realmId: "9130350000000" });
    expect(replay.status).toBe(400);
  });

  it("keeps the connection when the step is saved again for the same app, and asks again for a new secret", async () => {
    const tenant = await tenantAwaitingQuickbooks();
    const state = await stateFrom(tenant.id);
    expect((await callback({ state, code: "good-code", realmId: "4620816365" })).status).toBe(303);
    const actor = staffActorOf(staff);
    const resave = (version: number, values: Record<string, string>) =>
      saveOnboarding({
        tenantId: tenant.id,
        actor,
        version,
        steps: {
          quickbooks_integration: {
            action: "complete",
            values: { clientId: CLIENT_ID, environment: "sandbox", ...values },
          },
        },
      });
    const saved = await resave(2, {});
    expect(await quickbooksOf(tenant.id)).toMatchObject({ status: "connected", config: { realmId: "4620816365" } });
    await resave(saved.onboarding?.version ?? 0, { clientSecret: "a-rotated-secret" });
    const row = await quickbooksOf(tenant.id);
    expect(row.status).toBe("awaiting_authorization");
    expect(JSON.parse(decryptSecret(row.credentialsCiphertext ?? ""))).toEqual({ clientSecret: "a-rotated-secret" });
  });

  it("records a refused exchange as an error the checklist shows", async () => {
    const tenant = await tenantAwaitingQuickbooks();
    const state = await stateFrom(tenant.id);
    const response = await callback({ state, code: "expired-code", realmId: "9130350000000" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toContain("quickbooks=error");
    const row = await quickbooksOf(tenant.id);
    expect(row.status).toBe("error");
    expect(row.lastError).toContain("invalid_grant");
    expect(row.config).not.toHaveProperty("realmId");
    const [failed] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, tenant.id), eq(auditEvents.action, "integration.quickbooks_connect_failed")));
    expect(failed?.after).toMatchObject({ status: "error", error: "invalid_grant" });
  });

  it("records a declined consent as an error", async () => {
    const tenant = await tenantAwaitingQuickbooks();
    const state = await stateFrom(tenant.id);
    const response = await callback({ state, error: "access_denied" });
    expect(response.status).toBe(303);
    expect((await quickbooksOf(tenant.id)).lastError).toContain("access_denied");
  });

  it("answers 400 to a state that does not match, belongs to someone else, or has expired", async () => {
    const tenant = await tenantAwaitingQuickbooks();
    const state = await stateFrom(tenant.id);

    const tampered = await callback({ state: `${state.slice(0, -4)}AAAA`, code: "good-code", realmId: "1" });
    expect(tampered.status).toBe(400);
    expect(((await tampered.json()) as { error: { message: string } }).error.message).toContain("does not match");
    expect((await callback({ state: "not-a-state", code: "good-code", realmId: "1" })).status).toBe(400);
    expect((await callback({ code: "good-code", realmId: "1" })).status).toBe(400);

    const foreign = await callback({ state, code: "good-code", realmId: "1" }, otherCookie);
    expect(foreign.status).toBe(400);
    expect(((await foreign.json()) as { error: { message: string } }).error.message).toContain("another staff member");

    const elevenMinutesAgo = new Date(Date.now() - 11 * 60 * 1000);
    const started = await startQuickbooksAuthorization({
      tenantId: tenant.id,
      actor: staffActorOf(staff),
      now: elevenMinutesAgo,
    });
    const expiredState = new URL(started.authorizeUrl).searchParams.get("state") ?? "";
    const expired = await callback({ state: expiredState, code: "good-code", realmId: "1" });
    expect(expired.status).toBe(400);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toContain("expired");
    expect((await quickbooksOf(tenant.id)).status).toBe("awaiting_authorization");
  });

  it("refuses to start before the QuickBooks step is saved (409) and for an unknown tenant (404)", async () => {
    const bare = await createTenant(db, { name: "Unconfigured Electric" });
    expect((await authorize(bare.id)).status).toBe(409);
    expect((await authorize(randomUUID())).status).toBe(404);
  });
});
