import { describe, expect, it } from "vitest";
import { discoveryUrlOf, insecureUrlReason } from "./discover-issuer";
import { emailDomainOf, ZEmailDomains } from "./email-domains";
import { last4Of, redactedSecret } from "./oidc-connection-summary";

describe("federation input rules", () => {
  it("allows https anywhere and plain http only on this machine", () => {
    expect(insecureUrlReason("https://acme.okta.com", "The issuer")).toBeNull();
    expect(insecureUrlReason("http://localhost:4000", "The issuer")).toBeNull();
    expect(insecureUrlReason("http://127.0.0.1:4000/realms/x", "The issuer")).toBeNull();
    expect(insecureUrlReason("http://localhost.evil.com", "The issuer")).toMatch(/must use https/);
    expect(insecureUrlReason("http://10.0.0.5", "The jwks_uri")).toBe(
      "The jwks_uri must use https (plain http is allowed only for localhost)",
    );
    expect(insecureUrlReason("acme.okta.com", "The issuer")).toBe('The issuer "acme.okta.com" is not a URL');
  });

  it("builds the discovery URL per OpenID Connect Discovery §4", () => {
    expect(discoveryUrlOf("https://idp.test/realms/acme/")).toBe(
      "https://idp.test/realms/acme/.well-known/openid-configuration",
    );
  });

  it("reads and normalises email domains", () => {
    expect(emailDomainOf(" Ann@Acme.COM ")).toBe("acme.com");
    expect(emailDomainOf("no-at-sign")).toBeNull();
    expect(emailDomainOf("ann@localhost")).toBeNull();
    expect(ZEmailDomains.parse(["@Acme.com", "acme.com", " b.co.uk "])).toEqual(["acme.com", "b.co.uk"]);
    expect(ZEmailDomains.safeParse([]).success).toBe(false);
  });

  it("keeps at most the last four characters of a secret, fewer of a short one", () => {
    expect(redactedSecret(last4Of("a-long-client-secret-1234"))).toBe("••••1234");
    expect(last4Of("twelve-chars")).toBe("rs");
    expect(last4Of("short12")).toBe("");
  });
});
