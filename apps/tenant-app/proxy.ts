import { env } from "@pp/env";
import { type NextRequest, NextResponse } from "next/server";

const TENANT_SLUG_HEADER = "x-tenant-slug";
// The same on every tenant subdomain, so never rewritten under /t/{slug}.
const SHARED_PATHS = [
  "/api/auth",
  "/api/health",
  "/api/sso",
  "/api/team-invitations",
  "/api/v1",
  "/accept-invitation",
  "/sign-in",
  "/reset-password",
  "/help",
  "/_next",
  "/icon.svg",
  "/favicon.ico",
];
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** `{slug}.TENANT_BASE_DOMAIN` → the tenant's slug, when subdomain routing is on. */
function slugFromHost(host: string | null, baseDomain: string | undefined): string | null {
  if (!host || !baseDomain) return null;
  const hostname = host.split(":")[0]?.toLowerCase() ?? "";
  const suffix = `.${baseDomain.toLowerCase()}`;
  if (!hostname.endsWith(suffix)) return null;
  const slug = hostname.slice(0, -suffix.length);
  return SLUG.test(slug) ? slug : null;
}

// Tenant resolution: path /t/[slug]/… by default; with TENANT_BASE_DOMAIN set, {slug}.domain/… is
// rewritten onto the same pages. The tenant header is always ours, never the client's.
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.delete(TENANT_SLUG_HEADER);
  const slug = slugFromHost(request.headers.get("host") ?? request.nextUrl.host, env().TENANT_BASE_DOMAIN);
  if (!slug) return NextResponse.next({ request: { headers } });
  headers.set(TENANT_SLUG_HEADER, slug);
  const url = request.nextUrl.clone();
  const { pathname } = url;
  const shared = SHARED_PATHS.some((prefix) => pathname.startsWith(prefix));
  if (!shared && !pathname.startsWith("/t/")) {
    url.pathname = pathname.startsWith("/api/")
      ? pathname.replace(/^\/api\//, `/api/t/${slug}/`)
      : `/t/${slug}${pathname === "/" ? "" : pathname}`;
    return NextResponse.rewrite(url, { request: { headers } });
  }
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
