// npm run staff:create -- --email E --role R [--name N] – a Provider Portal staff user; prints its password.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { closeDb, db } from "@pp/db";
import { createStaffUser, findUserByEmail, setPassword } from "@pp/db/factories";
import { STAFF_ROLES, staffMembers } from "@pp/db/schema";
import { z } from "zod";
import { ROOT } from "./lib/apps";
import { openProductDatabase } from "./lib/database";
import { loadDotEnv } from "./lib/dev-secrets";

const ZArgs = z.object({
  email: z.email("--email must be an email address"),
  role: z.enum(STAFF_ROLES, { error: `--role must be one of ${STAFF_ROLES.join(", ")}` }),
  name: z.string().min(1).optional(),
});

function fail(message: string): never {
  console.error(
    `staff:create: ${message}\nUsage: npm run staff:create -- --email E --role ${STAFF_ROLES.join("|")} [--name N]`,
  );
  process.exit(2);
}

async function main() {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" } },
    }).values;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const parsed = ZArgs.safeParse(values);
  if (!parsed.success) fail(parsed.error.issues.map((issue) => issue.message).join("; "));
  const { email, role, name } = parsed.data;

  loadDotEnv(ROOT);
  const database = await openProductDatabase();
  const password = randomBytes(12).toString("base64url");
  const existing = await findUserByEmail(db, email);
  if (existing) {
    // The same person gets the role (again) and a fresh password, printed once.
    await db.transaction(async (tx) => {
      await tx
        .insert(staffMembers)
        .values({ userId: existing.id, role })
        .onConflictDoUpdate({ target: staffMembers.userId, set: { role, status: "active", deactivatedAt: null } });
      await setPassword(tx, { userId: existing.id, password });
    });
  } else {
    await db.transaction((tx) => createStaffUser(tx, { email, role, name: name ?? email.split("@")[0], password }));
  }
  console.log(`${existing ? "Updated" : "Created"} staff user ${email} (${role})\nPassword: ${password}`);
  await closeDb();
  await database.stop();
}

await main();
