// npm start – the whole product on one machine: database (embedded unless DATABASE_URL), migrations,
// first-run seed, both apps. `--dev` runs `next dev` instead of building.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { closeDb, db } from "@pp/db";
import {
  createStaffUser,
  DEMO_EMAIL_TLD,
  DEMO_SLUG_PREFIX,
  ensureReferenceData,
  seedTestTenant,
} from "@pp/db/factories";
import { staffMembers, tenants, users } from "@pp/db/schema";
import { env, resetEnv } from "@pp/env";
import { eq, like, not, sql } from "drizzle-orm";
import { type AppProcess, buildApps, ROOT, startApp, stopApps } from "./lib/apps";
import { openProductDatabase } from "./lib/database";
import { applyDevSecrets, loadDotEnv } from "./lib/dev-secrets";

type Login = { app: string; email: string; password: string; note: string };

const dev = process.argv.includes("--dev");
loadDotEnv(ROOT);
process.env.DATA_DIR = path.resolve(ROOT, process.env.DATA_DIR ?? ".data");
const generated = applyDevSecrets(process.env.DATA_DIR);
resetEnv();

const loginsFile = path.join(env().DATA_DIR, "logins.json");

/**
 * The first start seeds an admin and the test tenant. Demo data (`npm run seed:demo`: tenants
 * `demo-…`, users `….demo`) does not count as a first start having happened: a database holding
 * only demo data still gets the test tenant and the logins file.
 */
async function seedFirstRun(): Promise<Login[] | undefined> {
  const [anyTenant] = await db
    .select({ id: tenants.id })
    .from(tenants)
    .where(not(like(tenants.slug, `${DEMO_SLUG_PREFIX}%`)))
    .limit(1);
  const [anyStaff] = await db
    .select({ id: staffMembers.id })
    .from(staffMembers)
    .innerJoin(users, eq(users.id, staffMembers.userId))
    .where(not(like(sql`lower(${users.email})`, `%${DEMO_EMAIL_TLD}`)))
    .limit(1);
  await ensureReferenceData(db);
  if (anyTenant || anyStaff) return undefined;
  const adminPassword = randomBytes(12).toString("base64url");
  await createStaffUser(db, {
    email: "admin@provider.local",
    name: "Provider Admin",
    role: "admin",
    password: adminPassword,
  });
  const seeded = await seedTestTenant(db, {});
  const logins: Login[] = [
    { app: "Provider Portal", email: "admin@provider.local", password: adminPassword, note: "staff admin" },
    { app: "Tenant App", email: seeded.ownerEmail, password: seeded.ownerPassword, note: `owner of ${seeded.slug}` },
  ];
  writeFileSync(loginsFile, JSON.stringify(logins, null, 2), { mode: 0o600 });
  return logins;
}

function printBanner(urls: { portal: string; tenant: string }, logins: Login[] | undefined, embedded: boolean) {
  const saved = existsSync(loginsFile) ? (JSON.parse(readFileSync(loginsFile, "utf8")) as Login[]) : [];
  const shown = logins ?? saved;
  const lines = [
    "",
    "Provider Portal is running",
    `  Provider Portal  ${urls.portal}/provider`,
    `  Tenant App       ${urls.tenant}`,
    `  Database         ${embedded ? `embedded PostgreSQL (data in ${path.join(env().DATA_DIR, "postgres")})` : "DATABASE_URL"}`,
    "",
    logins ? "Logins created on this first start:" : "Logins created on the first start (kept in .data/logins.json):",
    ...shown.map((login) => `  ${login.app.padEnd(16)} ${login.email}  /  ${login.password}   (${login.note})`),
    ...(shown.length === 0
      ? ["  (none recorded — create staff with `npm run staff:create -- --email E --role admin`)"]
      : []),
    ...(generated.length
      ? ["", `Development secrets generated for ${generated.join(", ")} (${env().DATA_DIR}/dev-secrets.json).`]
      : []),
    "",
    "Ctrl-C stops everything.",
    "",
  ];
  console.log(lines.join("\n"));
}

async function main() {
  console.log(
    dev ? "Starting in development mode…" : "Building what is not built (the first start takes a few minutes)…",
  );
  if (!dev) await buildApps();
  const database = await openProductDatabase();
  const logins = await seedFirstRun();
  await closeDb();

  const urls = { portal: env().portalUrl, tenant: env().tenantAppUrl };
  const appEnv: NodeJS.ProcessEnv = { ...process.env, PORTAL_URL: urls.portal, TENANT_APP_URL: urls.tenant };
  const apps: AppProcess[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping…");
    await stopApps(apps);
    await database.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  try {
    const started = await Promise.allSettled([
      startApp({ name: "Provider Portal", dir: "apps/provider-portal", port: env().PORTAL_PORT, dev, env: appEnv }),
      startApp({ name: "Tenant App", dir: "apps/tenant-app", port: env().TENANT_APP_PORT, dev, env: appEnv }),
    ]);
    for (const result of started) if (result.status === "fulfilled") apps.push(result.value);
    const failed = started.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
    for (const app of apps) {
      app.child.once("exit", (code) => {
        if (!stopping) {
          console.error(`${app.name} stopped unexpectedly (exit ${code}).`);
          void stop(1);
        }
      });
    }
    printBanner(urls, logins, database.embedded);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stop(1);
  }
}

await main();
