import * as client from "openid-client";
import { guardedFetch } from "../../net/guarded-fetch";
import {
  DEFAULT_FEDERATION_TIMEOUT_MS,
  discoverIssuer,
  insecureUrlReason,
  type OidcDiscovery,
} from "../discover-issuer";

/** ID token signature algorithms we verify with the issuer's published keys (never `none`, never HS*). */
export const ID_TOKEN_ALGORITHMS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
  "Ed25519",
];

export type OidcConfigurationOptions = {
  /** An already fetched discovery document (the connection test has one); default: discover now. */
  discovery?: OidcDiscovery;
  timeoutMs?: number;
};

/**
 * The openid-client configuration for one connection, used by every request to the identity
 * provider (logins and the connection test alike, so both authenticate the client the same way):
 * its discovery document, client id and decrypted secret; requests go through the outbound guard;
 * ID tokens must be signed with an asymmetric key the issuer publishes in its JWKS (non-repudiation
 * checks: openid-client otherwise trusts a token-endpoint ID token without checking its signature).
 * `alg: none` and HS* (keyed with a secret the client also knows) are refused. Plain http is allowed
 * only for an issuer on this machine (a local IdP), as discovery validation says.
 */
export async function oidcConfigurationFor(
  connection: { issuer: string; clientId: string },
  clientSecret: string,
  options: OidcConfigurationOptions = {},
) {
  const timeoutMs = options.timeoutMs ?? DEFAULT_FEDERATION_TIMEOUT_MS;
  const discovery = options.discovery ?? (await discoverIssuer({ issuer: connection.issuer, timeoutMs }));
  const advertised = discovery.id_token_signing_alg_values_supported;
  const algorithms = Array.isArray(advertised)
    ? ID_TOKEN_ALGORITHMS.filter((algorithm) => advertised.includes(algorithm))
    : ["RS256"];
  const metadata = {
    ...discovery,
    id_token_signing_alg_values_supported: algorithms.length > 0 ? algorithms : ["RS256"],
  } as client.ServerMetadata;
  const config = new client.Configuration(
    metadata,
    connection.clientId,
    { client_secret: clientSecret },
    clientAuthenticationFor(discovery.token_endpoint_auth_methods_supported, clientSecret),
  );
  config.timeout = timeoutMs / 1000;
  config[client.customFetch] = (url, init) =>
    guardedFetch(url, {
      method: init.method,
      headers: init.headers,
      body: init.body as BodyInit | undefined,
      redirect: "manual",
      signal: init.signal,
    });
  client.enableNonRepudiationChecks(config);
  if (new URL(connection.issuer).protocol === "http:" && insecureUrlReason(connection.issuer, "issuer") === null) {
    client.allowInsecureRequests(config);
  }
  return config;
}

/** client_secret_basic (the OpenID default) unless the issuer only takes client_secret_post. */
function clientAuthenticationFor(supported: string[] | undefined, clientSecret: string): client.ClientAuth {
  const postOnly = supported?.includes("client_secret_post") && !supported.includes("client_secret_basic");
  return postOnly ? client.ClientSecretPost(clientSecret) : client.ClientSecretBasic(clientSecret);
}
