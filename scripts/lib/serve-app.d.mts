import type { BlockList } from "node:net";

export declare const CLIENT_IP_HEADER: string;
export declare const CLIENT_IP_MARK: symbol;
export declare function normalizeIp(value: unknown): string | undefined;
export declare function trustedProxyList(entries: string[]): BlockList;
export declare function clientIpFrom(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: BlockList,
): string | undefined;
export declare const SIGNAL_OWNER_MARK: symbol;
export declare const SHUTDOWN_HOOK: symbol;
