import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalIdp, startLocalIdp } from "./local-idp";

describe("the local identity provider used by SSO tests", () => {
  let idp: LocalIdp;
  beforeAll(async () => {
    idp = await startLocalIdp({
      clients: [{ clientId: "app", clientSecret: "s3cret-value", redirectUris: ["http://localhost:9/cb"] }],
    });
  });
  afterAll(async () => {
    await idp.stop();
  });

  it("publishes discovery and signing keys", async () => {
    const discovery = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      string
    >;
    expect(discovery.issuer).toBe(idp.issuer);
    expect(discovery.authorization_endpoint).toMatch(/^http:\/\/localhost:\d+\//);
    const jwks = (await (await fetch(discovery.jwks_uri as string)).json()) as { keys: unknown[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
  });

  it("tells a wrong client secret from a right one at the token endpoint", async () => {
    const discovery = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      string
    >;
    const probe = (secret: string) =>
      fetch(discovery.token_endpoint as string, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`app:${secret}`).toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          code: "nope",
          redirect_uri: "http://localhost:9/cb",
        }),
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as { error: string } }));
    await expect(probe("wrong")).resolves.toMatchObject({ status: 401, body: { error: "invalid_client" } });
    await expect(probe("s3cret-value")).resolves.toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });
});
