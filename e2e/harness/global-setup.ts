import { randomBytes } from "node:crypto";
import { createConnection } from "@pp/db";
import { createStaffUser, ensureReferenceData, seedTestTenant } from "@pp/db/factories";
import { migrateDatabase } from "@pp/db/migrate";
import { dropDatabase, ensureDatabase, startDatabaseServer } from "@pp/db/server";
import { resetEnv } from "@pp/env";
import type { TestProject } from "vitest/node";
import { type AppProcess, buildApps, startApp, stopApps } from "../../scripts/lib/apps";
import { serveTxtControl, startTxtServer } from "../../tooling/dns/txt-server";
import { startStripeStandIn } from "../../tooling/stripe-stand-in/server";
import { serveInbox, startSmtpSink } from "../../tooling/vitest/smtp-sink";

export type E2EContext = {
  portalUrl: string;
  tenantUrl: string;
  databaseUrl: string;
  staff: { email: string; password: string };
  /** A read-only staff member. */
  viewer: { email: string; password: string };
  owner: { email: string; password: string; slug: string; tenantId: string };
  /** A second tenant the owner does not belong to. */
  otherTenant: { slug: string; tenantId: string };
  /** Both apps send email to a real local SMTP server; its inbox is JSON at `<smtpInboxUrl>/messages`. */
  smtpInboxUrl: string;
  /** The apps check SSO domain proofs against a local DNS server; `PUT <dnsControlUrl>/txt/<name>` publishes TXT records. */
  dnsControlUrl: string;
  /** Card payments run against a local stand-in of Stripe's API, which posts signed webhooks to the portal. */
  stripe: { apiBase: string; secretKey: string; webhookSecret: string };
};

declare module "vitest" {
  export interface ProvidedContext {
    e2e: E2EContext;
  }
}

// Two checkouts on one machine can run their browser tests side by side with E2E_PORT_BASE.
const PORTAL_PORT = Number(process.env.E2E_PORT_BASE ?? 3100);
const TENANT_PORT = PORTAL_PORT + 1;

/**
 * Builds both apps, starts them with `next start` on a fresh database seeded with the runbook's
 * test tenant and a staff admin, sending email to a local SMTP sink, and shares the URLs, logins and
 * the sink's inbox with the browser tests.
 */
export default async function setup(project: TestProject) {
  if (process.env.E2E_SKIP_BUILD !== "1") await buildApps({ quiet: true });
  const server = await startDatabaseServer({ dataDir: ".data/e2e-postgres", port: 54349 });
  const name = `pp_e2e_${randomBytes(4).toString("hex")}`;
  const databaseUrl = await ensureDatabase(server.adminUrl, name);
  await migrateDatabase(databaseUrl);

  const connection = createConnection(databaseUrl, 2);
  const staff = { email: "e2e-admin@provider.test", password: randomBytes(12).toString("base64url") };
  await ensureReferenceData(connection.db);
  await createStaffUser(connection.db, {
    email: staff.email,
    name: "E2E Admin",
    role: "admin",
    password: staff.password,
  });
  const viewer = { email: "e2e-viewer@provider.test", password: randomBytes(12).toString("base64url") };
  await createStaffUser(connection.db, {
    email: viewer.email,
    name: "E2E Viewer",
    role: "viewer",
    password: viewer.password,
  });
  const seeded = await seedTestTenant(connection.db, {});
  const other = await seedTestTenant(connection.db, {
    name: "Rival Electric",
    slug: "rival-electric",
    trade: "electrical",
  });
  await connection.pool.end();

  const smtp = await startSmtpSink();
  const inbox = await serveInbox(smtp);
  const dns = await startTxtServer();
  const dnsControl = await serveTxtControl(dns);

  const portalUrl = `http://localhost:${PORTAL_PORT}`;
  const tenantUrl = `http://localhost:${TENANT_PORT}`;
  const stripeSettings = {
    secretKey: "sk_test_e2e_stand_in",
    webhookSecret: `whsec_${randomBytes(16).toString("hex")}`,
  };
  const stripe = await startStripeStandIn({
    webhookSecret: stripeSettings.webhookSecret,
    webhookUrl: `${portalUrl}/api/webhooks/stripe`,
  });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEYS: `v1:${randomBytes(32).toString("base64")}`,
    PORTAL_URL: portalUrl,
    TENANT_APP_URL: tenantUrl,
    LOG_LEVEL: "warn",
    // Every browser test signs in from 127.0.0.1; the production limit (20/min) would refuse a fast run.
    AUTH_RATE_LIMIT_PER_MINUTE: "1000",
    EMAIL_SMTP_URL: smtp.url,
    // The test identity provider, calendar feeds and SMTP servers run on this machine.
    OUTBOUND_ALLOW_LOOPBACK: "true",
    SSO_DNS_SERVER: dns.address,
    STRIPE_SECRET_KEY: stripeSettings.secretKey,
    STRIPE_WEBHOOK_SECRET: stripeSettings.webhookSecret,
    STRIPE_API_BASE: stripe.url,
  };
  resetEnv();
  const apps: AppProcess[] = [];
  const started = await Promise.allSettled([
    startApp({ name: "portal", dir: "apps/provider-portal", port: PORTAL_PORT, env, quiet: true }),
    startApp({ name: "tenant", dir: "apps/tenant-app", port: TENANT_PORT, env, quiet: true }),
  ]);
  for (const result of started) if (result.status === "fulfilled") apps.push(result.value);
  const failed = started.find((result) => result.status === "rejected");
  if (failed) {
    await stopApps(apps);
    await inbox.close();
    await smtp.close();
    await dnsControl.close();
    await dns.stop();
    await stripe.close();
    throw failed.reason;
  }

  project.provide("e2e", {
    portalUrl,
    tenantUrl,
    databaseUrl,
    staff,
    viewer,
    owner: { email: seeded.ownerEmail, password: seeded.ownerPassword, slug: seeded.slug, tenantId: seeded.tenantId },
    otherTenant: { slug: other.slug, tenantId: other.tenantId },
    smtpInboxUrl: inbox.url,
    dnsControlUrl: dnsControl.url,
    stripe: { apiBase: stripe.url, ...stripeSettings },
  });

  return async () => {
    await stopApps(apps);
    await inbox.close();
    await smtp.close();
    await dnsControl.close();
    await dns.stop();
    await stripe.close();
    await dropDatabase(server.adminUrl, name);
    await server.stop();
  };
}
