// A small reverse proxy for running several instances of an app on one machine, the way a load
// balancer would in production: round-robin over the upstreams, X-Forwarded-For/-Proto/-Host set,
// a connection refused retried on the next upstream (a restarting instance), 502 when none answers.
//
//   npx tsx tooling/proxy/round-robin-proxy.ts --port 8080 --to http://127.0.0.1:3000,http://127.0.0.1:3010
//
// The apps believe X-Forwarded-For only from TRUSTED_PROXIES, so start them with the proxy's
// address there (127.0.0.1,::1 on one machine). Development and test tooling, not a production edge.
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";

/** Names which upstream (its index in `upstreams`) answered, so tests can see the rotation. */
export const SERVED_BY_HEADER = "x-served-by";

export type RoundRobinProxy = {
  url: string;
  /** Requests each upstream answered, by index. */
  served: number[];
  close(): Promise<void>;
};

// Hop-by-hop headers (RFC 9110 §7.6.1) are for one connection, never forwarded.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

function forwardedHeaders(request: IncomingMessage, protocol: string): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  }
  const client = request.socket.remoteAddress ?? "";
  const prior = request.headers["x-forwarded-for"];
  headers["x-forwarded-for"] = prior ? `${prior}, ${client}` : client;
  headers["x-forwarded-proto"] = protocol;
  if (request.headers.host) headers["x-forwarded-host"] = request.headers.host;
  return headers;
}

const RETRYABLE = new Set(["ECONNREFUSED", "ECONNRESET"]);

/** Starts the proxy on `port` (0: any free port) of 127.0.0.1. */
export async function startRoundRobinProxy(options: {
  upstreams: string[];
  port?: number;
  protocol?: "http" | "https";
}): Promise<RoundRobinProxy> {
  const upstreams = options.upstreams.map((upstream) => new URL(upstream));
  if (upstreams.length === 0) throw new Error("the proxy needs at least one upstream");
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const served = upstreams.map(() => 0);
  let next = 0;

  const server: Server = createServer((request, response) => {
    const headers = forwardedHeaders(request, options.protocol ?? "http");
    // Only a request without a body can be sent again after a refused connection.
    const canRetry = request.method === "GET" || request.method === "HEAD";
    const attempt = (tries: number) => {
      const index = next;
      next = (next + 1) % upstreams.length;
      const target = upstreams[index] as URL;
      const upstream = httpRequest(
        {
          agent,
          hostname: target.hostname,
          port: target.port,
          method: request.method,
          path: request.url,
          headers,
        },
        (answer) => {
          served[index] = (served[index] ?? 0) + 1;
          const out: Record<string, string | string[]> = {};
          for (const [name, value] of Object.entries(answer.headers)) {
            if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
          }
          out[SERVED_BY_HEADER] = String(index);
          response.writeHead(answer.statusCode ?? 502, answer.statusMessage, out);
          answer.pipe(response);
        },
      );
      upstream.on("error", (error: NodeJS.ErrnoException) => {
        if (canRetry && tries < upstreams.length && RETRYABLE.has(error.code ?? "") && !response.headersSent) {
          attempt(tries + 1);
          return;
        }
        if (!response.headersSent) response.writeHead(502, { "content-type": "text/plain" });
        response.end("Bad gateway: no app instance answered\n");
      });
      if (canRetry) upstream.end();
      else request.pipe(upstream);
    };
    attempt(1);
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function main() {
  const { values } = parseArgs({ options: { port: { type: "string" }, to: { type: "string" } } });
  const upstreams = (values.to ?? "").split(",").filter(Boolean);
  const proxy = await startRoundRobinProxy({ upstreams, port: Number(values.port ?? 8080) });
  console.log(`proxy on ${proxy.url} → ${upstreams.join(", ")}`);
  const stop = () => void proxy.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
