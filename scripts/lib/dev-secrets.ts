import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

type DevSecrets = { authSecret: string; encryptionKey: string };

/**
 * Secrets for a local run when none are configured: generated once per checkout under DATA_DIR
 * (git-ignored), never shipped. Production sets AUTH_SECRET and ENCRYPTION_KEYS itself.
 */
export function applyDevSecrets(dataDir: string): string[] {
  const file = path.join(dataDir, "dev-secrets.json");
  let secrets: DevSecrets;
  if (existsSync(file)) {
    secrets = JSON.parse(readFileSync(file, "utf8")) as DevSecrets;
  } else {
    secrets = { authSecret: randomBytes(32).toString("base64url"), encryptionKey: randomBytes(32).toString("base64") };
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  const applied: string[] = [];
  if (!process.env.AUTH_SECRET && !process.env.NEXTAUTH_SECRET) {
    process.env.AUTH_SECRET = secrets.authSecret;
    applied.push("AUTH_SECRET");
  }
  if (!process.env.ENCRYPTION_KEYS) {
    process.env.ENCRYPTION_KEYS = `v1:${secrets.encryptionKey}`;
    applied.push("ENCRYPTION_KEYS");
  }
  return applied;
}

/** Reads `.env` at the repository root into process.env (variables already set win). */
export function loadDotEnv(root: string): void {
  const file = path.join(root, ".env");
  if (existsSync(file)) process.loadEnvFile(file);
}
