import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type ClientMetadata } from "oidc-provider";

export type LocalIdpClient = {
  clientId: string;
  clientSecret: string;
  /** Where the IdP may send the browser back to (the app's SSO callback URLs). */
  redirectUris: string[];
};

export type LocalIdp = {
  /** `http://localhost:<port>` — discovery lives at `${issuer}/.well-known/openid-configuration`. */
  issuer: string;
  port: number;
  stop: () => Promise<void>;
};

export type LocalIdpOptions = {
  clients: LocalIdpClient[];
  /** A fixed port (browser tests that register redirect URIs up front); default: any free port. */
  port?: number;
};

/**
 * A real OpenID Provider (`oidc-provider`) on loopback for tests: authorization code with PKCE,
 * signed ID tokens, JWKS, and its built-in development sign-in screens (any login + any password;
 * the login typed becomes the subject and the email, so `ann@acme.test` signs in as that address).
 * Nothing here is a mock of our system: the apps talk to it exactly as to a production IdP.
 */
export async function startLocalIdp(options: LocalIdpOptions): Promise<LocalIdp> {
  const server: Server = createServer();
  server.listen(options.port ?? 0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://localhost:${port}`;

  const provider = new Provider(issuer, {
    clients: options.clients.map(
      (client): ClientMetadata => ({
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: client.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      }),
    ),
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    scopes: ["openid", "email", "profile"],
    pkce: { required: () => true },
    async findAccount(_ctx, sub) {
      return {
        accountId: sub,
        async claims() {
          const name = sub.split("@")[0] ?? sub;
          return { sub, email: sub.toLowerCase(), email_verified: true, name };
        },
      };
    },
    // The built-in development screens are the point of a test IdP; keep the console quiet about it.
    features: { devInteractions: { enabled: true } },
  });
  // Koa would print every expected OAuth error (bad client, bad grant) a test provokes.
  provider.on("server_error", () => {});
  server.on("request", provider.callback());

  return {
    issuer,
    port,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
