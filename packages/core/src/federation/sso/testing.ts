// Test helpers for SSO: drive the local identity provider's (oidc-provider) development screens over
// plain HTTP, as a browser would, to obtain the callback URL the IdP sends the user back to.

/** A minimal cookie jar for one host: the IdP keeps its interaction state in cookies. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  store(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const separator = pair.indexOf("=");
      if (separator > 0) this.cookies.set(pair.slice(0, separator).trim(), pair.slice(separator + 1).trim());
    }
  }
}

export type DriveIdpOptions = {
  /** What the user types as login on the IdP's screen; it becomes the ID token's email. */
  login: string;
  /** Press the IdP's "[ Cancel ]" link instead of signing in: the IdP answers `error=access_denied`. */
  abort?: boolean;
  /** Where the app's callback lives; following stops at the first redirect there. */
  callbackPrefix: string;
};

const MAX_HOPS = 12;

/**
 * From an authorization URL to the app's callback URL (with `code` or `error`): signs in on the
 * IdP's login screen with any password, then confirms its consent screen.
 */
export async function driveLocalIdp(authorizationUrl: string, options: DriveIdpOptions): Promise<URL> {
  const jar = new CookieJar();
  const request = async (url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("cookie", jar.header());
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    jar.store(response);
    return response;
  };

  let next: { url: string; init?: RequestInit } = { url: authorizationUrl };
  for (let hop = 0; hop < MAX_HOPS; hop += 1) {
    const response = await request(next.url, next.init);
    const location = response.headers.get("location");
    if (location) {
      await response.body?.cancel();
      const target = new URL(location, next.url);
      if (target.href.startsWith(options.callbackPrefix)) return target;
      next = { url: target.href };
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`IdP answered ${response.status}: ${html.slice(0, 300)}`);
    const action = html.match(/<form[^>]*action="([^"]+)"/)?.[1];
    const prompt = html.match(/name="prompt" value="([^"]+)"/)?.[1];
    if (!action || !prompt) throw new Error(`IdP page has no form: ${html.slice(0, 300)}`);
    if (options.abort) {
      next = { url: `${action}/abort` };
      continue;
    }
    const fields: Record<string, string> =
      prompt === "login" ? { prompt, login: options.login, password: "any-password" } : { prompt };
    next = {
      url: action,
      init: {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields).toString(),
      },
    };
  }
  throw new Error("The IdP did not send the browser back to the callback");
}
