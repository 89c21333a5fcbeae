# One image for both apps (and the migration / staff-create commands): the monorepo, built.
# docker-compose.yml shows how to run it; docs/deploy.md what must be shared between instances.
FROM node:20-bookworm-slim

WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1

# Dependencies first, so a code change does not reinstall them. `npm ci` needs every workspace's
# package.json; the sources come after.
COPY package.json package-lock.json ./
COPY apps/provider-portal/package.json apps/provider-portal/
COPY apps/tenant-app/package.json apps/tenant-app/
COPY packages/core/package.json packages/core/
COPY packages/db/package.json packages/db/
COPY packages/env/package.json packages/env/
COPY packages/http/package.json packages/http/
COPY packages/ui/package.json packages/ui/
COPY tooling/typescript/package.json tooling/typescript/
RUN npm ci --no-audit --no-fund

COPY . .

# The security headers (CSP, HSTS) name the public URLs and are fixed at build time.
ARG PORTAL_URL=http://localhost:3000
ARG TENANT_APP_URL=http://localhost:3001
RUN NODE_ENV=production PORTAL_URL=$PORTAL_URL TENANT_APP_URL=$TENANT_APP_URL npm run build \
  && chown -R node:node apps/provider-portal/.next apps/tenant-app/.next

USER node
ENV NODE_ENV=production
EXPOSE 3000 3001
# The portal by default; docker-compose.yml runs the tenant app and the migration from the same image.
# `exec`: node receives SIGTERM itself, and serve-app.mjs drains requests and flushes usage rows
# before it exits (docs/deploy.md).
CMD ["sh", "-c", "exec node scripts/lib/serve-app.mjs --dir apps/provider-portal --port 3000 --trusted-proxies \"$TRUSTED_PROXIES\""]
