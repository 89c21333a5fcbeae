import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";
import { env } from "@pp/env";

/**
 * Why a server-side request to a staff-entered address did not happen. The message is the same
 * for a refused address, a closed port, an unknown host and a timeout: whoever typed the URL
 * learns nothing about what answers inside our network.
 */
export class OutboundUnreachableError extends Error {
  override name = "OutboundUnreachableError";
  constructor(
    /** For our logs only (never shown to the person who entered the URL). */
    readonly reason: string,
  ) {
    super("could not be reached");
  }
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

// Everything that is not the public internet: this host, private networks, link-local (cloud
// metadata at 169.254.169.254), carrier-grade NAT, multicast, reserved; IPv6 equivalents and NAT64
// (BlockList matches IPv4-mapped IPv6 like ::ffff:127.0.0.1 against the IPv4 subnets itself).
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 3],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 127],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, "ipv6");
}

export type OutboundPolicy = {
  /** Let requests reach this machine (a local IdP in development); default OUTBOUND_ALLOW_LOOPBACK. */
  allowLoopback?: boolean;
};

const familyOf = (address: string) => (isIP(address) === 6 ? "ipv6" : "ipv4");

/** Whether a server-side request may connect to this IP address. */
export function isAllowedAddress(address: string, policy: OutboundPolicy = {}): boolean {
  const bare = address.replace(/^\[|\]$/g, "");
  if (isIP(bare) === 0) return false;
  const allowLoopback = policy.allowLoopback ?? env().outboundAllowLoopback;
  if (allowLoopback && LOOPBACK.check(bare, familyOf(bare))) return true;
  return !NOT_PUBLIC.check(bare, familyOf(bare));
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for node:net/http/tls connections: resolves the name and refuses it when any of its
 * addresses is not allowed, so the connection goes to the address that was checked (no second
 * resolution that DNS rebinding could answer differently).
 */
export function guardedLookup(policy: OutboundPolicy = {}) {
  return (hostname: string, options: { all?: boolean; family?: number } | number, callback: LookupCallback) => {
    const all = typeof options === "object" && options.all === true;
    dnsLookup(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(new OutboundUnreachableError(`${hostname}: ${error.code ?? error.message}`), "");
      const refused = addresses.find((entry) => !isAllowedAddress(entry.address, policy));
      if (refused || addresses.length === 0) {
        return callback(
          new OutboundUnreachableError(
            `${hostname} resolves to ${refused?.address ?? "nothing"}, which is not allowed`,
          ),
          "",
        );
      }
      const [first] = addresses as [LookupAddress];
      if (all) return callback(null, addresses);
      callback(null, first.address, first.family);
    });
  };
}

/** Refuses a URL that is not http(s) or names a disallowed IP literal; host names are checked at connect time. */
export function assertOutboundUrl(url: URL, policy: OutboundPolicy = {}): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new OutboundUnreachableError(`${url.protocol} is not http(s)`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0 && !isAllowedAddress(host, policy)) {
    throw new OutboundUnreachableError(`${host} is not an allowed address`);
  }
  if (host === "localhost" && !(policy.allowLoopback ?? env().outboundAllowLoopback)) {
    throw new OutboundUnreachableError("localhost is not allowed");
  }
}

/**
 * The address to connect to for `host` (a name or an IP literal), after the same checks as
 * guardedFetch: for clients that connect themselves (SMTP), which then connect to this address
 * and use `host` only for TLS (servername), so DNS cannot answer differently the second time.
 */
export async function resolveOutboundHost(host: string, policy: OutboundPolicy = {}): Promise<string> {
  const bare = host.replace(/^\[|\]$/g, "");
  if (isIP(bare) !== 0) {
    if (!isAllowedAddress(bare, policy)) throw new OutboundUnreachableError(`${bare} is not an allowed address`);
    return bare;
  }
  if (bare.toLowerCase() === "localhost" && !(policy.allowLoopback ?? env().outboundAllowLoopback)) {
    throw new OutboundUnreachableError("localhost is not allowed");
  }
  return new Promise((resolve, reject) => {
    guardedLookup(policy)(bare, {}, (error, address) => (error ? reject(error) : resolve(String(address))));
  });
}
