import { CLIENT_IP_HEADER as CORE_HEADER } from "@pp/core/net/client-ip";
import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, clientIpFrom, normalizeIp, trustedProxyList } from "./serve-app.mjs";

describe("the app server's client IP", () => {
  const none = trustedProxyList([]);
  const proxies = trustedProxyList(["10.0.0.0/8", "2001:db8::/32", "192.0.2.10"]);

  it("is the socket address when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientIpFrom("203.0.113.7", "198.51.100.1", none)).toBe("203.0.113.7");
    expect(clientIpFrom("::ffff:203.0.113.7", undefined, none)).toBe("203.0.113.7");
    expect(clientIpFrom("10.1.2.3", "198.51.100.1", none)).toBe("10.1.2.3");
  });

  it("believes X-Forwarded-For only from a trusted proxy: the right-most address that is not a proxy", () => {
    expect(clientIpFrom("10.1.2.3", "198.51.100.1", proxies)).toBe("198.51.100.1");
    // The client prepended a forged hop; the proxy appended the real one.
    expect(clientIpFrom("10.1.2.3", "6.6.6.6, 198.51.100.1, 10.9.9.9", proxies)).toBe("198.51.100.1");
    expect(clientIpFrom("192.0.2.10", "2001:db8::5, 203.0.113.9", proxies)).toBe("203.0.113.9");
    expect(clientIpFrom("203.0.113.7", "198.51.100.1", proxies)).toBe("203.0.113.7");
    expect(clientIpFrom("10.1.2.3", "not-an-ip", proxies)).toBe("10.1.2.3");
  });

  it("normalises mapped and bracketed forms and rejects what is not an IP", () => {
    expect(normalizeIp("[2001:db8::1]")).toBe("2001:db8::1");
    expect(normalizeIp("::FFFF:198.51.100.4")).toBe("198.51.100.4");
    expect(normalizeIp("evil.example")).toBeUndefined();
  });

  it("sets the header the product reads", () => {
    expect(CLIENT_IP_HEADER).toBe(CORE_HEADER);
  });
});
