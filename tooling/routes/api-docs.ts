import { exportedMethods, listRouteFiles, type RouteFile } from "./route-registry";

type App = { name: "provider-portal" | "tenant-app"; title: string };

const APPS: App[] = [
  { name: "provider-portal", title: "Provider Portal (default http://localhost:3000)" },
  { name: "tenant-app", title: "Tenant App (default http://localhost:3001)" },
];

/** Who may call a route, read off the steps it is composed of. */
function accessOf(statement: string): string {
  const staff = statement.match(/withProviderAuth\("([a-z]+:[a-z]+)"\)/)?.[1];
  if (staff) return `staff with \`${staff}\``;
  const tenant = statement.match(/withTenantAuth\(([^)]*)\)/);
  if (tenant) {
    const role = tenant[1]?.match(/role:\s*"([a-z]+)"/)?.[1];
    return role ? `tenant ${role} or above` : "any tenant member";
  }
  const key = statement.match(/withApiKey\(([^)]*)\)/);
  if (key) {
    const scope = key[1]?.match(/"([a-z:]+)"/)?.[1];
    return scope ? `API key with \`${scope}\`` : "any valid API key";
  }
  return "public";
}

/** The `// VERB /path – purpose` line above the handler, if the route has one. */
function purposeOf(route: RouteFile, method: string): string {
  const lines = route.source.split("\n").filter((line) => line.startsWith("//"));
  const own = lines.find((line) => new RegExp(`\\b${method}\\b`).test(line) && /[–-]/.test(line));
  const any = own ?? lines.find((line) => /[–-]/.test(line));
  return any?.replace(/^\/\/\s*/, "").replace(/^[A-Z, ]+\s+\S+\s+[–-]\s*/, "") ?? "";
}

function flags(statement: string): string {
  const notes = [];
  if (statement.includes("withIdempotency(")) notes.push("Idempotency-Key");
  const limit = statement.match(/withRateLimit\("([a-z-]+)"/)?.[1];
  if (limit) notes.push(`rate limit \`${limit}\``);
  return notes.join(", ");
}

export function renderApiDocs(): string {
  const sections = APPS.map((app) => {
    const rows = listRouteFiles(app.name).flatMap((route) =>
      exportedMethods(route).map(
        ({ method, statement }) =>
          `| ${method} | \`${route.template}\` | ${accessOf(statement)} | ${[purposeOf(route, method), flags(statement)].filter(Boolean).join(" — ")} |`,
      ),
    );
    return [
      `## ${app.title}`,
      "",
      "| method | route | who may call | what it does |",
      "| --- | --- | --- | --- |",
      ...rows,
    ].join("\n");
  });
  return [
    "# API reference",
    "",
    "Generated from the route files by `npm run docs:api`; a test fails when this page is out of date.",
    "",
    "Conventions for every route: JSON in and out; errors are",
    '`{ "error": { "code", "message", "details"?, "requestId" } }` with the status from one code table',
    "(400 `validation_failed` naming the field, 401, 403, 404, 405 with `Allow` for a method the route does not serve,",
    "409, 413, 415, 422, 429 with `Retry-After`);",
    "lists are `{ data, nextCursor }` with `?limit=` (≤ 100) and `?cursor=`; every response carries `X-Request-Id`.",
    "Staff routes also apply the `api` rate limit per user and tenant routes the `tenant` limit, both with",
    "`RateLimit-Policy` / `RateLimit` headers; cookie-authenticated writes must come from the app's own origin.",
    "The public API (`/api/v1/*`) is described in full, response headers and every status included, by its",
    "OpenAPI 3.1 document at `/api/v1/openapi.json` (generated from the routes' schemas and linted by Redocly in `npm test`).",
    "",
    ...sections.flatMap((section) => [section, ""]),
  ].join("\n");
}
