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
//
// It also owns shutdown (NEXT_MANUAL_SIG_HANDLE=true keeps Next's own handler away): on SIGTERM or
// SIGINT it stops accepting, lets in-flight requests finish, then runs the app's shutdown hook
// (@pp/core/runtime/shutdown: usage rows and last-used times written, pg-boss stopped, pools
// closed) and exits 0 — or 1 when that fails or SHUTDOWN_TIMEOUT_MS passes first.
import { createServer } from "node:http";
import { BlockList, isIP } from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import next from "next";

export const CLIENT_IP_HEADER = "x-pp-client-ip";
export const CLIENT_IP_MARK = Symbol.for("pp.client-ip-server");
/** Tells the app runtime that this server handles the signals (it installs no handler of its own). */
export const SIGNAL_OWNER_MARK = Symbol.for("pp.signal-owner");
/** Where the app runtime publishes { timeoutMs, run(budgetMs) } (packages/core/src/runtime/shutdown.ts). */
export const SHUTDOWN_HOOK = Symbol.for("pp.shutdown-hook");
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

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
  globalThis[SIGNAL_OWNER_MARK] = true;
  // Next's `next start` would exit on SIGTERM before our flushes; this server handles the signals instead.
  process.env.NEXT_MANUAL_SIG_HANDLE = "true";
  const app = next({ dev: values.dev, dir, port, hostname: "localhost" });
  await app.prepare();
  const handle = app.getRequestHandler();
  const inFlight = new Set();
  let shuttingDown = false;
  const server = createServer((request, response) => {
    inFlight.add(response);
    response.once("close", () => inFlight.delete(response));
    // A request that slipped in on a kept-alive connection is still served, on a connection that then closes.
    if (shuttingDown) response.setHeader("connection", "close");
    const ip = clientIpFrom(request.socket.remoteAddress, request.headers["x-forwarded-for"], trusted);
    delete request.headers[CLIENT_IP_HEADER];
    if (ip) request.headers[CLIENT_IP_HEADER] = ip;
    void handle(request, response);
  });
  server.listen(port, () => console.log(`▲ ${path.basename(dir)} ready on port ${port}`));
  const name = path.basename(dir);
  const stop = (signal) => {
    if (shuttingDown) return;
    shuttingDown = true;
    void shutDown({ name, signal, server, inFlight }).then(
      (code) => process.exit(code),
      (error) => {
        console.error(`${name}: shutdown failed`, error);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/**
 * Stop accepting, drain, run the app's hook, all within the app's SHUTDOWN_TIMEOUT_MS; resolves
 * with the exit code. The deadline timer exits by itself, whatever is still pending.
 */
async function shutDown({ name, signal, server, inFlight, hook = globalThis[SHUTDOWN_HOOK] }) {
  const timeoutMs = hook?.timeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const startedAt = Date.now();
  const deadline = setTimeout(() => {
    console.error(`${name}: shutdown passed its ${timeoutMs} ms deadline — exiting with work left`);
    process.exit(1);
  }, timeoutMs);
  console.log(`${name}: ${signal} — draining ${inFlight.size} request(s), then flushing`);
  server.close();
  server.closeIdleConnections();
  for (const response of inFlight) if (!response.headersSent) response.setHeader("connection", "close");
  while (inFlight.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  server.closeAllConnections();
  const report = hook ? await hook.run(timeoutMs - (Date.now() - startedAt)) : { ok: true, steps: [] };
  clearTimeout(deadline);
  const steps = report.steps.map((step) => `${step.name} ${step.ms} ms${step.error ? ` (${step.error})` : ""}`);
  const summary = `${name}: stopped in ${Date.now() - startedAt} ms — ${steps.join(", ") || "nothing to flush"}`;
  if (report.ok) console.log(summary);
  else console.error(`${summary}${report.timedOut ? " — deadline passed" : ""}`);
  return report.ok ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
