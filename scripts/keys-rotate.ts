// npm run keys:rotate [-- --json] – re-encrypts every stored secret (OIDC client secrets, tenant
// integration credentials) under the newest key in ENCRYPTION_KEYS. Safe to run again: rows already
// under the newest key are skipped. Procedure: README § "Rotating the encryption key".
import path from "node:path";
import { parseKeyring } from "@pp/core/crypto/encrypt-secret";
import { rotateEncryptionKeys } from "@pp/core/federation/rotate-encryption-keys";
import { closeDb } from "@pp/db";
import { env, resetEnv } from "@pp/env";
import { ROOT } from "./lib/apps";
import { openProductDatabase } from "./lib/database";
import { applyDevSecrets, loadDotEnv } from "./lib/dev-secrets";
import { parseFlags, runCli } from "./lib/seed-cli";

const USAGE = "Usage: npm run keys:rotate -- [--json]";

async function main() {
  const flags = parseFlags(process.argv.slice(2), { json: { type: "boolean" } });
  loadDotEnv(ROOT);
  process.env.DATA_DIR = path.resolve(ROOT, process.env.DATA_DIR ?? ".data");
  // The same key a local `npm start` generated, when ENCRYPTION_KEYS is not set.
  applyDevSecrets(process.env.DATA_DIR);
  resetEnv();
  const keyring = parseKeyring(env().ENCRYPTION_KEYS);
  const database = await openProductDatabase({ log: () => {} });
  try {
    const report = await rotateEncryptionKeys({ keyring });
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
      return;
    }
    const line = (label: string, count: { reencrypted: number; alreadyCurrent: number }) =>
      `  ${label.padEnd(28)} ${count.reencrypted} re-encrypted, ${count.alreadyCurrent} already under ${report.keyId}`;
    process.stdout.write(
      `${[
        `Every secret is now encrypted under key ${report.keyId} (of ${keyring.keys.size} configured).`,
        line("OIDC client secrets", report.oidcConnections),
        line("Integration credentials", report.tenantIntegrations),
        "",
        "Once every app instance runs with this ENCRYPTION_KEYS, older key ids may be removed from it.",
      ].join("\n")}\n`,
    );
  } finally {
    await closeDb();
    await database.stop();
  }
}

runCli(main, USAGE);
