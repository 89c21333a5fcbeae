import { env, resetEnv } from "@pp/env";
import { UNSTORABLE_VALUE_MESSAGE } from "@pp/http/errors";
import { resetRateLimiters } from "@pp/http/rate-limit-store";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Fixture, fixtures, type Seeded, SHAPE_ONLY, seedMalformedInputWorld } from "./malformed-input.fixtures";
import { exportedMethods, fillTemplate, listRouteFiles, type Method, type RouteModule } from "./route-registry";

type App = "provider-portal" | "tenant-app";
const APPS: App[] = ["provider-portal", "tenant-app"];
const WRITES = new Set<Method>(["POST", "PUT", "PATCH", "DELETE"]);

const NUL = "a\u0000b";
const LONE_SURROGATE = "a\ud800b";
const INT4_PLUS_ONE = 2_147_483_648;
// What an onboarding draft accepted before: JSON no reader should have to walk.
const DEEP = JSON.parse(`${"[".repeat(2_000)}${"]".repeat(2_000)}`) as unknown;
const WIDE = Object.fromEntries(Array.from({ length: 20_000 }, (_, index) => [`k${index}`, 1]));
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;
// Routes anyone may call: a wrong password or an unknown token is their 401/403 to give.
const PUBLIC = /^\/api\/(auth\/|sso\/|staff-invitations\/accept$|team-invitations\/accept$)/;

/** One spoiled value: where it goes and what it is. `mayPass` values are odd but storable (2xx allowed). */
type Case = { name: string; where: "params" | "query" | "body"; path: string[]; value: unknown; mayPass?: boolean };

/** Every leaf of a fixture, spoiled every way its type allows. */
function casesOf(fixture: Fixture): Case[] {
  const cases: Case[] = [];
  for (const name of Object.keys(fixture.params ?? {})) {
    cases.push({ name: `param ${name} = NUL`, where: "params", path: [name], value: NUL });
  }
  for (const [name, value] of Object.entries(fixture.query ?? {})) {
    cases.push({ name: `?${name}=%00`, where: "query", path: [name], value: NUL });
    if (DATE_LIKE.test(value)) {
      cases.push({ name: `?${name}=0000-01-01`, where: "query", path: [name], value: "0000-01-01" });
      cases.push({ name: `?${name}=9999-12-31`, where: "query", path: [name], value: "9999-12-31", mayPass: true });
    }
    if (/^\d+$/.test(value)) {
      cases.push({ name: `?${name}=2147483648`, where: "query", path: [name], value: String(INT4_PLUS_ONE) });
      cases.push({ name: `?${name}=true`, where: "query", path: [name], value: "true" });
    }
  }
  // Every other field is unchanged: the spoiled one is all that stands between the body and the database.
  if (!fixture.rawBody) {
    for (const [path, value] of leaves(fixture.body)) {
      const at = path.join(".");
      if (typeof value === "string") {
        cases.push({ name: `${at}: NUL`, where: "body", path, value: NUL });
        cases.push({ name: `${at}: lone surrogate`, where: "body", path, value: LONE_SURROGATE });
        if (DATE_LIKE.test(value)) {
          cases.push({ name: `${at}: +275760-09-13`, where: "body", path, value: "+275760-09-13T00:00:00.000Z" });
          cases.push({ name: `${at}: 0000-01-01`, where: "body", path, value: "0000-01-01T00:00:00Z" });
          cases.push({ name: `${at}: 9999-12-31`, where: "body", path, value: "9999-12-31", mayPass: true });
        }
      }
      if (typeof value === "number") {
        cases.push({ name: `${at}: int4 + 1`, where: "body", path, value: INT4_PLUS_ONE });
        cases.push({ name: `${at}: true`, where: "body", path, value: true });
      }
    }
    if (fixture.body && typeof fixture.body === "object") {
      cases.push({ name: "a key with NUL", where: "body", path: ["bad\u0000key"], value: "x" });
      cases.push({ name: "2,000 levels deep", where: "body", path: ["extra"], value: DEEP });
      cases.push({ name: "20,000 keys", where: "body", path: ["extra"], value: WIDE });
    }
  }
  return cases;
}

function leaves(value: unknown, path: string[] = []): [string[], unknown][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => leaves(item, [...path, String(index)]));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, inner]) => leaves(inner, [...path, key]));
  }
  return path.length > 0 ? [[path, value]] : [];
}

function withValue(root: unknown, path: string[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (Array.isArray(root))
    return root.map((item, index) => (String(index) === head ? withValue(item, rest, value) : item));
  const record = (root && typeof root === "object" ? root : {}) as Record<string, unknown>;
  return { ...record, [head]: withValue(record[head], rest, value) };
}

let seeded: Seeded;
const cookies: Partial<Record<App, string>> = {};

async function signIn(app: App, email: string, password: string): Promise<string> {
  const { getAuth } =
    app === "provider-portal"
      ? await import("../../apps/provider-portal/lib/auth")
      : await import("../../apps/tenant-app/lib/auth");
  const response = await getAuth().api.signInEmail({ body: { email, password }, asResponse: true });
  return response.headers
    .getSetCookie()
    .map((value) => value.split(";")[0])
    .join("; ");
}

beforeAll(async () => {
  process.env.AUTH_SECRET = "malformed-input-test-secret-of-enough-length";
  // In-memory limits, reset before each case: a 429 would hide what the route does with the value.
  delete process.env.REDIS_URL;
  resetEnv();
  seeded = await seedMalformedInputWorld();
  cookies["provider-portal"] = await signIn("provider-portal", seeded.staffEmail, seeded.staffPassword);
  cookies["tenant-app"] = await signIn("tenant-app", seeded.ownerEmail, seeded.ownerPassword);
}, 120_000);

beforeEach(async () => {
  await resetRateLimiters();
});

async function send(app: App, method: Method, template: string, spoiled: Case, module: RouteModule) {
  const fixture = fixtures(seeded)[`${app} ${method} ${template}`] ?? {};
  const params = { ...fixture.params };
  const query = { ...fixture.query };
  let body = fixture.body;
  if (spoiled.where === "params") params[spoiled.path[0] ?? ""] = String(spoiled.value);
  if (spoiled.where === "query" && spoiled.path[0]) query[spoiled.path[0]] = String(spoiled.value);
  if (spoiled.where === "body") body = withValue(body, spoiled.path, spoiled.value);

  const origin = app === "provider-portal" ? env().portalUrl : env().tenantAppUrl;
  const url = new URL(`${origin}${fillTemplate(template, params)}`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const headers: Record<string, string> = { origin, cookie: cookies[app] ?? "" };
  if (template.startsWith("/api/v1/")) headers.authorization = `Bearer ${seeded.apiKey}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const handler = module[method];
  if (!handler) throw new Error(`${template} has no ${method}`);
  // Next.js hands a catch-all param over as its segments.
  const routeParams = Object.fromEntries(
    Object.entries(params).map(([name, value]) => [name, template.includes(`[...${name}]`) ? value.split("/") : value]),
  ) as Record<string, string>;
  const response = await handler(
    new Request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
    { params: Promise.resolve(routeParams) },
  );
  const text = await response.text();
  const error = (() => {
    try {
      return (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
    } catch {
      return undefined;
    }
  })();
  return { status: response.status, code: error?.code, message: error?.message ?? "" };
}

for (const app of APPS) {
  const routes = listRouteFiles(app);
  const table = fixtures(SHAPE_ONLY);

  describe(`${app}: malformed input answers 4xx naming the field, never 5xx`, () => {
    for (const route of routes) {
      for (const { method } of exportedMethods(route)) {
        const key = `${app} ${method} ${route.template}`;
        const fixture = table[key];
        if (WRITES.has(method)) {
          it(`${key} has a fixture`, () => {
            expect(fixture, `add "${key}" to malformed-input.fixtures.ts`).toBeDefined();
          });
        }
        for (const spoiled of casesOf(fixture ?? {})) {
          it(`${key} — ${spoiled.name}`, async () => {
            const module = (await import(/* @vite-ignore */ route.file)) as RouteModule;
            const result = await send(app, method, route.template, spoiled, module);
            const summary = `${key} — ${spoiled.name} → ${result.status} ${result.code ?? ""} ${result.message}`;
            expect(result.status, summary).toBeLessThan(500);
            // Past authentication and the rate limit: the value itself was judged.
            expect(PUBLIC.test(route.template) ? [429] : [401, 403, 429], summary).not.toContain(result.status);
            if (!spoiled.mayPass) expect(result.status, summary).toBeGreaterThanOrEqual(400);
            // Refused by a schema that names the field, not only by the database's last word.
            expect(result.message, summary).not.toBe(UNSTORABLE_VALUE_MESSAGE);
          });
        }
      }
    }
  });
}

// A fixture the route refuses as invalid would make every case above pass without reaching the
// database: each one is sent as it is, last (it may change state), and must get past validation.
const CANNOT_BE_VALID_HERE: Record<string, string> = {
  "provider-portal POST /api/federation/oidc": "the issuer's discovery document is fetched over the network",
  "provider-portal GET /api/provider/integrations/quickbooks/callback": "state comes from a real authorization",
  "provider-portal POST /api/provider/onboarding/[tenantId]/logo": "an upload is raw image bytes, not JSON",
  "tenant-app POST /api/t/[slug]/logo": "an upload is raw image bytes, not JSON",
  "provider-portal POST /api/webhooks/stripe": "a Stripe event is valid only with Stripe's signature over its raw body",
};

describe("every fixture passes validation, so the spoiled values above reached the database", () => {
  for (const app of APPS) {
    for (const route of listRouteFiles(app)) {
      for (const { method } of exportedMethods(route)) {
        const key = `${app} ${method} ${route.template}`;
        if (!fixtures(SHAPE_ONLY)[key] || CANNOT_BE_VALID_HERE[key]) continue;
        it(`${key} accepts its fixture`, async () => {
          const module = (await import(/* @vite-ignore */ route.file)) as RouteModule;
          const untouched: Case = { name: "as is", where: "query", path: [], value: undefined };
          const result = await send(app, method, route.template, untouched, module);
          const summary = `${key} → ${result.status} ${result.code ?? ""} ${result.message}`;
          expect(result.status, summary).toBeLessThan(500);
          expect(result.code, summary).not.toBe("validation_failed");
          expect(PUBLIC.test(route.template) ? [429] : [401, 403, 429], summary).not.toContain(result.status);
        });
      }
    }
  }
});
