import { randomBytes } from "node:crypto";
import { closeDb } from "@pp/db";
import { dropDatabase, ensureDatabase } from "@pp/db/server";
import { resetEnv } from "@pp/env";
import { afterAll, inject } from "vitest";

// Each integration test file gets its own database cloned from the migrated template, so files
// run in parallel and leave nothing behind.
const adminUrl = inject("databaseAdminUrl");
const name = `pp_test_${randomBytes(6).toString("hex")}`;

async function cloneTemplate(attempt = 0): Promise<string> {
  try {
    return await ensureDatabase(adminUrl, name, inject("databaseTemplate"));
  } catch (error) {
    // Two clones of one template at the same instant can collide; a short retry settles it.
    if (attempt >= 5) throw error;
    await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1)));
    return cloneTemplate(attempt + 1);
  }
}

process.env.DATABASE_URL = await cloneTemplate();
// The identity providers, calendar feeds and SMTP servers these tests talk to run on loopback.
process.env.OUTBOUND_ALLOW_LOOPBACK ??= "true";
// Queued emails keep their one-time links encrypted; a file that needs its own keys sets them itself.
process.env.ENCRYPTION_KEYS ??= `v1:${randomBytes(32).toString("base64")}`;
resetEnv();

afterAll(async () => {
  await closeDb();
  await dropDatabase(adminUrl, name);
});
