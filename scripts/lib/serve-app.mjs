// Serves one Next.js app behind a small Node HTTP server that owns the client IP.
//
//   node scripts/lib/serve-app.mjs --dir apps/tenant-app --port 3001 [--dev] [--trusted-proxies 10.0.0.0/8,...]
//
// Route handlers in the Next.js App Router never see the socket, and Next only fills
// X-Forwarded-For when the client did not send one, so a header is all they have. This server
// drops whatever `x-pp-client-ip` a client sent and sets it from the connecting socket; it
// believes X-Forwarded-For only when that socket is one of the trusted proxies (then the client is
// the right-most address that is not itself a trusted proxy). `clientIp()` in @pp/core reads the
// header only in a process this server marked, so an app started any other way reads no IP rather
// than a forged one. Plain JavaScript: it runs under node without a build step.
import { createServer } from "node:http";
import { BlockList, isIP } from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import next from "next";

export const CLIENT_IP_HEADER = "x-pp-client-ip";
export const CLIENT_IP_MARK = Symbol.for("pp.client-ip-server");

/** "::ffff:203.0.113.7" → "203.0.113.7"; anything that is not an IP → undefined. */
export function normalizeIp(value) {
  const trimmed = String(value ?? "")
    .trim()
    .replace(/^\[|\]$/g, "");
  const unmapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed)?.[1] ?? trimmed;
  return isIP(unmapped) === 0 ? undefined : unmapped;
}

/** A BlockList of the trusted proxies ("10.0.0.0/8", "203.0.113.7", "2001:db8::/32"). */
export function trustedProxyList(entries) {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split("/");
    const family = isIP(address ?? "") === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

/**
 * The client's address: the socket's, unless the socket is a trusted proxy; then walk
 * X-Forwarded-For from the right past every trusted proxy to the first address that is not one.
 */
export function clientIpFrom(socketAddress, forwardedFor, trusted) {
  const socketIp = normalizeIp(socketAddress);
  const isTrusted = (ip) => trusted.check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4");
  if (!socketIp || !isTrusted(socketIp)) return socketIp;
  const hops = String(forwardedFor ?? "")
    .split(",")
    .map(normalizeIp)
    .filter(Boolean);
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    if (!isTrusted(hops[index])) return hops[index];
  }
  return hops[0] ?? socketIp;
}

async function main() {
  const { values } = parseArgs({
    options: {
      dir: { type: "string" },
      port: { type: "string" },
      dev: { type: "boolean", default: false },
      "trusted-proxies": { type: "string", default: "" },
    },
  });
  const dir = path.resolve(values.dir ?? ".");
  const port = Number(values.port);
  const trusted = trustedProxyList(
    values["trusted-proxies"]
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
  );
  globalThis[CLIENT_IP_MARK] = true;
  const app = next({ dev: values.dev, dir, port, hostname: "localhost" });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((request, response) => {
    const ip = clientIpFrom(request.socket.remoteAddress, request.headers["x-forwarded-for"], trusted);
    delete request.headers[CLIENT_IP_HEADER];
    if (ip) request.headers[CLIENT_IP_HEADER] = ip;
    void handle(request, response);
  });
  server.listen(port, () => console.log(`▲ ${path.basename(dir)} ready on port ${port}`));
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
