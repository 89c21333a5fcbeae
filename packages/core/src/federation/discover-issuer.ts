import { guardedFetch } from "../net/guarded-fetch";

/** The fields of an OpenID Provider's discovery document we rely on; the rest is kept as sent. */
export type OidcDiscovery = {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  token_endpoint_auth_methods_supported?: string[];
  [field: string]: unknown;
};

export const DEFAULT_FEDERATION_TIMEOUT_MS = 5000;
const MAX_DOCUMENT_BYTES = 512 * 1024;
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** A third party's answer we cannot use; the message says what is wrong, for the person configuring it. */
export class FederationCheckError extends Error {
  override name = "FederationCheckError";
}

/** Why a URL may not be used: not a URL, or plain http to anything but this machine. Null when fine. */
export function insecureUrlReason(value: string, what: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${what} "${value}" is not a URL`;
  }
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)) return null;
  if (url.protocol === "http:") return `${what} must use https (plain http is allowed only for localhost)`;
  return `${what} must be an https URL`;
}

/** `${issuer}/.well-known/openid-configuration`, per OpenID Connect Discovery §4 (trailing "/" dropped first). */
export function discoveryUrlOf(issuer: string): string {
  return `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
}

export type FetchJsonOptions = { timeoutMs?: number; what: string };

/**
 * GETs a JSON document from a third party within the timeout, through the outbound guard (no
 * private or loopback targets, no redirects); every failure names `what`. A target that does not
 * answer, for whatever reason, reads the same "could not be reached".
 */
export async function fetchJson(url: string, { timeoutMs = DEFAULT_FEDERATION_TIMEOUT_MS, what }: FetchJsonOptions) {
  let response: Response;
  let text: string;
  try {
    response = await guardedFetch(url, {
      headers: { accept: "application/json" },
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new FederationCheckError(`${what} at ${url} answered HTTP ${response.status} instead of 200`);
    }
    text = await response.text();
  } catch (error) {
    if (error instanceof FederationCheckError) throw error;
    throw new FederationCheckError(`${what} at ${url} ${unreachableReason(error, timeoutMs)}`);
  }
  if (text.length > MAX_DOCUMENT_BYTES) throw new FederationCheckError(`${what} at ${url} is too large`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new FederationCheckError(`${what} at ${url} is not JSON`);
  }
}

/**
 * Why a request never got an answer, deliberately in one neutral phrase: telling a timeout from a
 * refused connection or a refused address would let whoever enters URLs map what answers where.
 */
export function unreachableReason(_error: unknown, timeoutMs: number): string {
  return `could not be reached within ${timeoutMs / 1000} s`;
}

const REQUIRED_ENDPOINTS = ["authorization_endpoint", "token_endpoint", "jwks_uri"] as const;

/**
 * Fetches and validates an issuer's discovery document: the issuer it names must equal the
 * configured one exactly, the authorization, token and JWKS endpoints must be present, and every
 * URL must be https (plain http only on localhost). Throws FederationCheckError naming the problem.
 */
export async function discoverIssuer(options: { issuer: string; timeoutMs?: number }): Promise<OidcDiscovery> {
  const { issuer } = options;
  const insecure = insecureUrlReason(issuer, "The issuer");
  if (insecure) throw new FederationCheckError(insecure);
  const document = await fetchJson(discoveryUrlOf(issuer), {
    timeoutMs: options.timeoutMs,
    what: "The discovery document",
  });
  if (!document || typeof document !== "object" || Array.isArray(document)) {
    throw new FederationCheckError("The discovery document is not a JSON object");
  }
  const fields = document as Record<string, unknown>;
  if (fields.issuer !== issuer) {
    throw new FederationCheckError(
      `The discovery document names the issuer "${String(fields.issuer)}", not "${issuer}" — they must match exactly`,
    );
  }
  const missing = REQUIRED_ENDPOINTS.filter((field) => typeof fields[field] !== "string" || fields[field] === "");
  if (missing.length > 0) {
    throw new FederationCheckError(`The discovery document is missing ${missing.join(", ")}`);
  }
  for (const field of REQUIRED_ENDPOINTS) {
    const reason = insecureUrlReason(fields[field] as string, `The ${field}`);
    if (reason) throw new FederationCheckError(reason);
  }
  return fields as OidcDiscovery;
}
