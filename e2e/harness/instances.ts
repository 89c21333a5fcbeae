import { randomBytes } from "node:crypto";
import { generateApiKeyToken } from "@pp/core/api-keys/api-key-token";
import { createConnection } from "@pp/db";
import { createStaffUser, ensureReferenceData, seedTestTenant } from "@pp/db/factories";
import { migrateDatabase } from "@pp/db/migrate";
import { apiKeys } from "@pp/db/schema";
import { dropDatabase, ensureDatabase, withDatabase } from "@pp/db/server";
import { type AppProcess, startApp, stopApps } from "../../scripts/lib/apps";

// Extra app servers of these tests start above the harness's own two ports (E2E_PORT_BASE + 30…).
export const EXTRA_PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 3100) + 30;

export type Seeded = {
  url: string;
  connection: ReturnType<typeof createConnection>;
  staff: { email: string; password: string };
  owner: { email: string; password: string; slug: string; tenantId: string };
  /** Drops the database (after the apps using it stopped). */
  drop(): Promise<void>;
};

/**
 * A database of its own on the harness's server, migrated and seeded (staff admin, test tenant):
 * jobs, usage rows and rate limits counted here are this file's alone.
 */
export async function seededDatabase(harnessDatabaseUrl: string, label: string): Promise<Seeded> {
  const adminUrl = withDatabase(harnessDatabaseUrl, "postgres");
  const name = `pp_e2e_${label}_${randomBytes(3).toString("hex")}`;
  const url = await ensureDatabase(adminUrl, name);
  await migrateDatabase(url);
  const connection = createConnection(url, 2);
  await ensureReferenceData(connection.db);
  const staff = { email: `${label}-admin@provider.test`, password: randomBytes(12).toString("base64url") };
  await createStaffUser(connection.db, {
    email: staff.email,
    name: "Ops Admin",
    role: "admin",
    password: staff.password,
  });
  const seeded = await seedTestTenant(connection.db, {});
  return {
    url,
    connection,
    staff,
    owner: { email: seeded.ownerEmail, password: seeded.ownerPassword, slug: seeded.slug, tenantId: seeded.tenantId },
    drop: async () => {
      await connection.pool.end();
      await dropDatabase(adminUrl, name);
    },
  };
}

/** An API key straight into the table (the create route is tested elsewhere); returns its id and bearer token. */
export async function insertApiKey(seeded: Seeded, options: { name: string; rateLimitPerMinute?: number }) {
  const { token, prefix, hash } = generateApiKeyToken();
  const [key] = await seeded.connection.db
    .insert(apiKeys)
    .values({
      tenantId: seeded.owner.tenantId,
      name: options.name,
      prefix,
      hash,
      scopes: ["leads:read"],
      rateLimitPerMinute: options.rateLimitPerMinute ?? null,
    })
    .returning();
  if (!key) throw new Error("API key insert failed");
  return { id: key.id, token };
}

/** What every app instance of one deployment shares: database, secrets, public URLs, Redis. */
export function deploymentEnv(options: {
  databaseUrl: string;
  portalUrl: string;
  tenantUrl: string;
  extra?: NodeJS.ProcessEnv;
}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: options.databaseUrl,
    DATABASE_POOL_SIZE: "4",
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEYS: `v1:${randomBytes(32).toString("base64")}`,
    PORTAL_URL: options.portalUrl,
    TENANT_APP_URL: options.tenantUrl,
    LOG_LEVEL: "warn",
    AUTH_RATE_LIMIT_PER_MINUTE: "1000",
    EMAIL_SMTP_URL: "",
    ...options.extra,
  };
}

export type Instances = { apps: AppProcess[]; stop(): Promise<(number | null)[]> };

/** Starts built apps (next start behind scripts/lib/serve-app.mjs), all at once. */
export async function startInstances(
  specs: { name: string; dir: string; port: number }[],
  env: NodeJS.ProcessEnv,
): Promise<Instances> {
  // Several Next.js servers starting at once on a small shared machine: give them time.
  const started = await Promise.allSettled(
    specs.map((spec) => startApp({ ...spec, env, quiet: true, startTimeoutMs: 180_000 })),
  );
  const apps = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const failed = started.find((result) => result.status === "rejected");
  if (failed) {
    await stopApps(apps);
    throw failed.reason;
  }
  return { apps, stop: () => stopApps(apps) };
}
