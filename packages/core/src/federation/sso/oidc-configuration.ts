import * as client from "openid-client";
import { DEFAULT_FEDERATION_TIMEOUT_MS, discoverIssuer, insecureUrlReason } from "../discover-issuer";
import type { SsoConnection } from "../sso-connection";

/**
 * The openid-client configuration for one connection: its issuer's discovery document (fetched
 * and validated now, within the federation timeout), its client id and decrypted secret. Plain
 * http is allowed only for an issuer on this machine (a local IdP), as discovery validation says.
 */
export async function oidcConfigurationFor(connection: SsoConnection, clientSecret: string) {
  const discovery = await discoverIssuer({ issuer: connection.issuer });
  const config = new client.Configuration(
    discovery as client.ServerMetadata,
    connection.clientId,
    { client_secret: clientSecret },
    clientAuthenticationFor(discovery.token_endpoint_auth_methods_supported, clientSecret),
  );
  config.timeout = DEFAULT_FEDERATION_TIMEOUT_MS / 1000;
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
