import { db, type Executor } from "@pp/db";
import { oidcConnections, oidcConnectionTests } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import * as client from "openid-client";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import type { Keyring } from "../crypto/encrypt-secret";
import { recordFeatureUse } from "../usage/record-feature-use";
import {
  DEFAULT_FEDERATION_TIMEOUT_MS,
  discoverIssuer,
  FederationCheckError,
  fetchJson,
  type OidcDiscovery,
  unreachableReason,
} from "./discover-issuer";
import { getOidcConnectionOrThrow } from "./get-oidc-connection";
import { loadOidcClientSecret } from "./load-oidc-client-secret";
import type { OidcTestCheck, OidcTestCheckName } from "./oidc-test-checks";
import { isNetworkError } from "./sso/is-network-error";
import { oidcConfigurationFor } from "./sso/oidc-configuration";

export { OIDC_TEST_CHECK_LABELS, OIDC_TEST_CHECKS, type OidcTestCheck } from "./oidc-test-checks";

export type OidcConnectionTest = {
  id: string;
  connectionId: string;
  result: "pass" | "fail";
  checks: OidcTestCheck[];
  testedBy: string | null;
  at: Date;
};

export type TestOidcConnectionOptions = {
  actor: StaffActor;
  connectionId: string;
  /** Per check; default 5 s. */
  timeoutMs?: number;
  context?: AuditContext;
  keyring?: Keyring;
};

/**
 * Checks a connection against its identity provider, each step within the timeout: discovery,
 * the signing keys, and whether the token endpoint accepts the client id and secret (probed with
 * a made-up authorization code: `invalid_grant` means the credentials were accepted, `invalid_client`
 * or 401 that they were not). Records the result in the history and as the connection's last test.
 */
export async function testOidcConnection(
  options: TestOidcConnectionOptions,
  executor: Executor = db,
): Promise<OidcConnectionTest> {
  const { actor, context } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_FEDERATION_TIMEOUT_MS;
  const connection = await getOidcConnectionOrThrow({ connectionId: options.connectionId }, executor);
  const checks: OidcTestCheck[] = [];

  const discovery = await runCheck(checks, "discovery", async () => {
    const document = await discoverIssuer({ issuer: connection.issuer, timeoutMs });
    return {
      value: document,
      detail: `Issuer ${document.issuer} publishes the authorization, token and JWKS endpoints`,
    };
  });
  const jwks = discovery
    ? await runCheck(checks, "jwks", () => checkSigningKeys(discovery, timeoutMs))
    : skip(checks, "jwks", "discovery");
  if (discovery && jwks) {
    const secret = await loadOidcClientSecret(connection.id, executor, options.keyring);
    await runCheck(checks, "client_credentials", () =>
      probeClientCredentials({
        discovery,
        issuer: connection.issuer,
        clientId: connection.clientId,
        clientSecret: secret,
        timeoutMs,
      }),
    );
  } else {
    skip(checks, "client_credentials", discovery ? "jwks" : "discovery");
  }

  const result = checks.every((check) => check.ok) ? "pass" : "fail";
  return executor.transaction(async (tx) => {
    const [row] = await tx
      .insert(oidcConnectionTests)
      .values({ connectionId: connection.id, passed: result, checks, testedBy: actor.userId })
      .returning();
    if (!row) throw new Error("oidc connection test insert returned no row");
    await tx
      .update(oidcConnections)
      .set({
        lastTestedAt: row.at,
        lastTestPassed: result,
        ...(discovery ? { discovery } : {}),
      })
      .where(eq(oidcConnections.id, connection.id));
    await recordAuditEvent(
      {
        actor,
        action: "oidc_connection.tested",
        tenantId: connection.tenant?.id ?? null,
        target: { type: "oidc_connection", id: connection.id },
        metadata: { result, failedChecks: checks.filter((check) => !check.ok).map((check) => check.name) },
        context,
      },
      tx,
    );
    await recordFeatureUse(
      {
        tenantId: connection.tenant?.id ?? null,
        userId: actor.userId,
        app: "portal",
        featureKey: "OidcConnectionTested",
        metadata: { connectionId: connection.id, result },
      },
      tx,
    );
    return { id: row.id, connectionId: connection.id, result, checks, testedBy: actor.userId, at: row.at };
  });
}

async function runCheck<T>(
  checks: OidcTestCheck[],
  name: OidcTestCheckName,
  run: () => Promise<{ value: T; detail: string }>,
): Promise<T | null> {
  try {
    const { value, detail } = await run();
    checks.push({ name, ok: true, detail });
    return value;
  } catch (error) {
    if (!(error instanceof FederationCheckError)) throw error;
    checks.push({ name, ok: false, detail: error.message });
    return null;
  }
}

function skip(checks: OidcTestCheck[], name: OidcTestCheckName, after: OidcTestCheckName): null {
  checks.push({ name, ok: false, detail: `Not run: the ${after} check failed` });
  return null;
}

type Jwk = { kty?: unknown; use?: unknown; alg?: unknown; key_ops?: unknown; kid?: unknown };
const SIGNING_KEY_TYPES = new Set(["RSA", "EC", "OKP"]);

/** At least one public key an ID token could be verified with: RSA/EC/OKP, for signatures, not "none". */
async function checkSigningKeys(discovery: OidcDiscovery, timeoutMs: number) {
  const document = await fetchJson(discovery.jwks_uri, { timeoutMs, what: "The JWKS" });
  const keys = (document as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new FederationCheckError(`The JWKS at ${discovery.jwks_uri} has no "keys" array`);
  const usable = (keys as Jwk[]).filter(
    (key) =>
      typeof key === "object" &&
      key !== null &&
      typeof key.kty === "string" &&
      SIGNING_KEY_TYPES.has(key.kty) &&
      (key.use === undefined || key.use === "sig") &&
      key.alg !== "none" &&
      (!Array.isArray(key.key_ops) || key.key_ops.includes("verify")),
  );
  if (usable.length === 0) {
    throw new FederationCheckError(
      `The JWKS at ${discovery.jwks_uri} has ${keys.length} key(s) but none usable to verify ID token signatures`,
    );
  }
  const algorithms = [...new Set(usable.map((key) => (typeof key.alg === "string" ? key.alg : String(key.kty))))];
  return {
    value: usable.length,
    detail: `${usable.length} signing key${usable.length === 1 ? "" : "s"} (${algorithms.join(", ")})`,
  };
}

/**
 * Probes the token endpoint through the very openid-client configuration a login uses (same client
 * authentication, same encoding of the client id and secret), with a made-up authorization code.
 */
async function probeClientCredentials(options: {
  discovery: OidcDiscovery;
  issuer: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
}) {
  const { discovery, clientId, timeoutMs } = options;
  const config = await oidcConfigurationFor({ issuer: options.issuer, clientId }, options.clientSecret, {
    discovery,
    timeoutMs,
  });
  let error: string | undefined;
  let status: number | undefined;
  try {
    await client.genericGrantRequest(config, "authorization_code", {
      code: "pp-connection-test-not-a-real-code",
      redirect_uri: `${options.issuer.replace(/\/+$/, "")}/pp-connection-test`,
    });
    throw new FederationCheckError(
      "The token endpoint accepted a made-up authorization code — it does not check codes",
    );
  } catch (failure) {
    if (failure instanceof FederationCheckError) throw failure;
    if (isNetworkError(failure)) {
      throw new FederationCheckError(
        `The token endpoint ${discovery.token_endpoint} ${unreachableReason(failure, timeoutMs)}`,
      );
    }
    if (failure instanceof client.ResponseBodyError) {
      error = failure.error;
      status = failure.status;
    } else if (failure instanceof client.WWWAuthenticateChallengeError) {
      status = failure.status;
      error = failure.cause[0]?.parameters.error;
    } else {
      status = (failure as { cause?: { status?: number } }).cause?.status;
    }
  }
  if (status === 401 || error === "invalid_client") {
    throw new FederationCheckError(
      `The token endpoint rejected client "${clientId}" (${error ?? `HTTP ${status}`}) — check the client id and secret`,
    );
  }
  if (error === "invalid_grant") {
    return {
      value: true,
      detail: `The token endpoint accepted client "${clientId}" (it refused only the test's made-up code, as expected)`,
    };
  }
  throw new FederationCheckError(
    `The token endpoint answered${status ? ` HTTP ${status}` : ""}${error ? ` (${error})` : ""}, which neither accepts nor rejects the client credentials`,
  );
}
