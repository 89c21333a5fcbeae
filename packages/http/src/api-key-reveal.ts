import type { BaseContext, Step } from "./compose";

export type OneTimeSecretContext = {
  /** Hands the step a secret to add to this response only. */
  revealOnce: (secret: string) => void;
};

/**
 * Shows a new secret (an API key) once without storing it anywhere. Placed BEFORE
 * `withIdempotency()`: the handler answers without the secret and passes it to `revealOnce`; this
 * step adds it as `field` to the JSON body on the way out, after the idempotency store has kept
 * its copy. A replay therefore answers with everything but the secret.
 */
export function withOneTimeSecret(field: string): Step<BaseContext, OneTimeSecretContext> {
  return async (_ctx, next) => {
    let secret: string | undefined;
    const response = await next({
      revealOnce: (value) => {
        secret = value;
      },
    });
    if (secret === undefined) return response;
    const body: unknown = await response.json();
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    // Nothing on the way (browser, proxy) may keep the secret either.
    headers.set("Cache-Control", "no-store");
    const withSecret = typeof body === "object" && body !== null ? { ...body, [field]: secret } : { [field]: secret };
    return Response.json(withSecret, { status: response.status, headers });
  };
}
