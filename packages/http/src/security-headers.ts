/** One response header, in the shape `next.config.ts` `headers()` expects. */
export type SecurityHeader = { key: string; value: string };

export type SecurityHeaderOptions = {
  /** True for a production build (`NODE_ENV=production`). */
  production: boolean;
  /** The app's public URL; HSTS is only sent when it is https. */
  publicUrl: string;
};

// Next.js bootstraps hydration with inline scripts and styles, so 'unsafe-inline' stays until nonces are wired.
function contentSecurityPolicy(production: boolean): string {
  return [
    "default-src 'self'",
    // `next dev` evaluates modules for hot reload; production builds never need eval.
    production ? "script-src 'self' 'unsafe-inline'" : "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

/**
 * The headers both apps send on every response. HSTS only in production behind https: sent over
 * plain http (local runs, e2e) it would pin browsers to an https the machine does not serve.
 */
export function securityHeaders({ production, publicUrl }: SecurityHeaderOptions): SecurityHeader[] {
  const headers: SecurityHeader[] = [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(production) },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
  ];
  if (production && isHttps(publicUrl)) {
    headers.push({ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" });
  }
  return headers;
}

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === "https:";
  } catch {
    return false;
  }
}
