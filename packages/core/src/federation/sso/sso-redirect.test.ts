import { describe, expect, it } from "vitest";
import { SSO_ERROR_MESSAGES, ssoErrorMessage } from "./sso-errors";
import { clearSsoStateCookie, readCookie, ssoStateCookie } from "./sso-login-state";
import { defaultLanding, safeReturnPath, signInErrorUrl, ssoRedirectResponse } from "./sso-redirect";

describe("SSO redirects and messages", () => {
  it("maps every error code to its text, and anything else to the generic failure", () => {
    expect(ssoErrorMessage("not_staff")).toBe(SSO_ERROR_MESSAGES.not_staff);
    expect(ssoErrorMessage("<script>")).toBe(SSO_ERROR_MESSAGES.failed);
    expect(ssoErrorMessage(undefined)).toBeNull();
  });

  it("only returns to paths in the same app", () => {
    expect(safeReturnPath("/t/acme/leads?x=1")).toBe("/t/acme/leads?x=1");
    for (const unsafe of [
      "//evil.test/x",
      "/\\evil.test",
      "https://evil.test",
      "javascript:alert(1)",
      "",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "/%09/evil.example/..",
      "/ /evil.example",
    ]) {
      const kept = safeReturnPath(unsafe);
      // Either refused, or a path that stays on the app's own origin whatever base it is resolved against.
      if (kept !== undefined)
        expect(new URL(kept, "https://app.example.com").origin, unsafe).toBe("https://app.example.com");
    }
    for (const unsafe of ["/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/\\evil.test"]) {
      expect(safeReturnPath(unsafe), JSON.stringify(unsafe)).toBeUndefined();
    }
    expect(safeReturnPath("/t/acme/../acme/leads")).toBe("/t/acme/leads");
    expect(defaultLanding("portal")).toBe("/provider");
    expect(defaultLanding("tenant", "acme")).toBe("/t/acme");
  });

  it("sends failures to the sign-in page with the SSO form open", () => {
    expect(signInErrorUrl("https://app.example.com", "denied")).toBe(
      "https://app.example.com/sign-in?sso=1&sso_error=denied",
    );
  });

  it("keeps the state cookie httpOnly, scoped to /api/sso, Secure on https", () => {
    expect(ssoStateCookie("portal", "abc", "https://portal.example.com")).toBe(
      "pp_portal.sso_state=abc; Path=/api/sso; Max-Age=600; HttpOnly; SameSite=Lax; Secure",
    );
    expect(clearSsoStateCookie("tenant", "http://localhost:3001")).toBe(
      "pp_tenant.sso_state=; Path=/api/sso; Max-Age=0; HttpOnly; SameSite=Lax",
    );
    expect(readCookie("a=1; pp_tenant.sso_state=xyz; b=2", "pp_tenant.sso_state")).toBe("xyz");
    expect(readCookie(null, "pp_tenant.sso_state")).toBeUndefined();
  });

  it("answers the callback with a 303 that sets every cookie", () => {
    const response = ssoRedirectResponse({ location: "http://localhost:3000/provider", cookies: ["a=1", "b=2"] });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("http://localhost:3000/provider");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
  });
});
