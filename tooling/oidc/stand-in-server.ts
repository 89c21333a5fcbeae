import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A tiny loopback HTTP server standing in for a third party's misconfigured identity provider
 * (a discovery document with a missing endpoint, a JWKS that is gone, an issuer that never answers).
 * Tests only: the real, correctly configured provider is tooling/oidc/local-idp.ts.
 */
export async function startStandIn(
  handle: (request: IncomingMessage, response: ServerResponse, origin: string) => void,
): Promise<{ origin: string; stop: () => Promise<void> }> {
  const server: Server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  server.on("request", (request, response) => handle(request, response, origin));
  return {
    origin,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}
