import { randomBytes, randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { db } from "@pp/db";
import { createOidcConnection, createStaffUser, createTenant, ensureReferenceData } from "@pp/db/factories";
import { memberships, users } from "@pp/db/schema";
import { resetEnv } from "@pp/env";
import { eq } from "drizzle-orm";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendJson, startStandIn } from "../../../../../tooling/oidc/stand-in-server";
import { type Auth, createAuth } from "../../auth/create-auth";
import { encryptSecret } from "../../crypto/encrypt-secret";
import { testOidcConnection } from "../test-oidc-connection";
import { beginSsoLogin } from "./begin-sso-login";
import { completeSsoLogin } from "./complete-sso-login";

// A stand-in identity provider whose token endpoint hands out whatever ID token the test chose:
// signed with its published key, with a key it never published, unsigned (alg none), or HS256
// with the client secret. Only the first may sign anyone in.
const TENANT_URL = "http://localhost:3001";
// A client id with characters that form-encoding rules treat differently ("." "-" "~" "*" "!").
const CLIENT = { clientId: "acme.portal-app~1*!", clientSecret: `sig-secret-${randomUUID()}` };

let auth: Auth;
let idp: { origin: string; stop: () => Promise<void> };
let published: JWK;
let publishedKey: CryptoKey;
let unpublishedKey: CryptoKey;
let domain: string;
let tenantId: string;
let connectionId: string;
/** What the token endpoint signs the next ID token with. */
let signWith: (claims: Record<string, unknown>) => Promise<string>;
let pendingNonce = "";
/** "hang": the token endpoint never answers (an IdP that is down behind a load balancer). */
let tokenMode: "answer" | "hang" = "answer";
/** The Authorization header of every token-endpoint request, in order. */
let tokenAuthorizations: string[] = [];

// RFC 6749 §2.3.1 as a strict IdP reads it: each part form-urlencoded (unreserved marks too), then Basic.
function expectedBasic(): string {
  const encode = (value: string) =>
    encodeURIComponent(value).replace(/[-_.!~*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `Basic ${Buffer.from(`${encode(CLIENT.clientId)}:${encode(CLIENT.clientSecret)}`).toString("base64")}`;
}

async function issueToken(response: ServerResponse, origin: string) {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: origin,
    aud: CLIENT.clientId,
    sub: "attacker",
    email: `victim@${domain}`,
    email_verified: true,
    nonce: pendingNonce,
    iat: now,
    exp: now + 300,
  };
  const idToken = await signWith(claims);
  sendJson(response, 200, { access_token: "at", token_type: "Bearer", id_token: idToken });
}

beforeAll(async () => {
  process.env.AUTH_SECRET = "id-token-signature-test-secret-long-enough";
  process.env.ENCRYPTION_KEYS = `v1:${randomBytes(32).toString("base64")}`;
  resetEnv();
  await ensureReferenceData(db);
  const pair = await generateKeyPair("RS256", { extractable: true });
  publishedKey = pair.privateKey;
  published = { ...(await exportJWK(pair.publicKey)), kid: "published", alg: "RS256", use: "sig" };
  unpublishedKey = (await generateKeyPair("RS256")).privateKey;

  idp = await startStandIn((request, response, origin) => {
    const path = new URL(request.url ?? "/", origin).pathname;
    if (path === "/.well-known/openid-configuration") {
      return sendJson(response, 200, {
        issuer: origin,
        authorization_endpoint: `${origin}/authorize`,
        token_endpoint: `${origin}/token`,
        jwks_uri: `${origin}/jwks`,
        id_token_signing_alg_values_supported: ["RS256", "HS256", "none"],
        token_endpoint_auth_methods_supported: ["client_secret_basic"],
      });
    }
    if (path === "/jwks") return sendJson(response, 200, { keys: [published] });
    if (path === "/token") {
      tokenAuthorizations.push(String(request.headers.authorization));
      if (tokenMode === "hang") return;
      if (request.headers.authorization !== expectedBasic()) {
        return sendJson(response, 401, { error: "invalid_client" });
      }
      const body: Buffer[] = [];
      request.on("data", (chunk: Buffer) => body.push(chunk));
      request.on("end", () => {
        if (new URLSearchParams(Buffer.concat(body).toString()).get("code") !== "code-1") {
          return sendJson(response, 400, { error: "invalid_grant" });
        }
        void issueToken(response, origin);
      });
      return;
    }
    sendJson(response, 404, { error: "not_found" });
  });

  auth = createAuth("tenant", TENANT_URL);
  tenantId = (await createTenant(db, { name: "Signature Test" })).id;
  domain = `sig-${randomUUID().slice(0, 8)}.test`;
  connectionId = (
    await createOidcConnection(db, {
      tenantId,
      issuer: idp.origin,
      clientId: CLIENT.clientId,
      clientSecret: encryptSecret(CLIENT.clientSecret),
      emailDomains: [domain],
      domainsVerified: true,
    })
  ).id;
});

afterAll(async () => {
  await idp?.stop();
});

/** Begin → (the IdP would sign the user in) → the callback with a code, as the IdP would send it. */
async function signIn() {
  const started = await beginSsoLogin({ app: "tenant", email: `victim@${domain}`, appUrl: TENANT_URL });
  expect(started.failure).toBeUndefined();
  const authorization = new URL(started.location);
  pendingNonce = authorization.searchParams.get("nonce") ?? "";
  const state = authorization.searchParams.get("state") ?? "";
  return completeSsoLogin({
    app: "tenant",
    auth,
    query: new URLSearchParams({ code: "code-1", state }),
    stateCookie: state,
    appUrl: TENANT_URL,
    context: { requestId: `req-${randomUUID()}` },
  });
}

async function membersOfTenant() {
  return db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, tenantId));
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("ID token signatures", () => {
  it("refuses an ID token signed with a key the issuer does not publish", async () => {
    signWith = (claims) =>
      new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "published" }).sign(unpublishedKey);
    const completed = await signIn();
    expect(completed.failure?.code).toBe("invalid_token");
    expect(completed.failure?.stage).toBe("id_token");
    expect(await membersOfTenant()).toEqual([]);
  });

  it("refuses an unsigned ID token (alg none) even when the issuer lists none", async () => {
    signWith = async (claims) => `${base64url({ alg: "none" })}.${base64url(claims)}.`;
    const completed = await signIn();
    expect(completed.failure?.code).toBe("invalid_token");
    expect(await membersOfTenant()).toEqual([]);
  });

  it("refuses an HS256 ID token keyed with the client secret", async () => {
    signWith = (claims) =>
      new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(CLIENT.clientSecret));
    const completed = await signIn();
    expect(completed.failure?.code).toBe("invalid_token");
    expect(await membersOfTenant()).toEqual([]);
  });

  it("signs in with an ID token signed by the published key", async () => {
    signWith = (claims) =>
      new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "published" }).sign(publishedKey);
    const completed = await signIn();
    expect(completed.failure).toBeUndefined();
    expect(await membersOfTenant()).toEqual([{ email: `victim@${domain}` }]);
  });
});

describe("the token endpoint", () => {
  it("a token endpoint that never answers is reported as unreachable at the token exchange, not as a bad token", async () => {
    tokenMode = "hang";
    try {
      const completed = await signIn();
      expect(completed.failure?.code).toBe("idp_unreachable");
      expect(completed.failure?.stage).toBe("token_exchange");
      expect(completed.location).toContain("sso_error=idp_unreachable");
    } finally {
      tokenMode = "answer";
    }
  }, 20_000);

  it("the connection test authenticates the client exactly as a login does", async () => {
    const { user, staff } = await createStaffUser(db, { role: "admin" });
    const actor = {
      kind: "staff" as const,
      userId: user.id,
      email: user.email,
      name: user.name,
      role: staff.role,
      sessionId: "s",
    };
    tokenAuthorizations = [];
    signWith = (claims) =>
      new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "published" }).sign(publishedKey);
    const login = await signIn();
    expect(login.failure).toBeUndefined();
    const tested = await testOidcConnection({ actor, connectionId });
    expect(tested.checks.map((check) => [check.name, check.ok])).toEqual([
      ["discovery", true],
      ["jwks", true],
      ["client_credentials", true],
    ]);
    expect(tokenAuthorizations).toEqual([expectedBasic(), expectedBasic()]);
  });
});
