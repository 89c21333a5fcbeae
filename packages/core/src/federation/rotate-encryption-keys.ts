import { db, type Executor } from "@pp/db";
import { oidcConnections, tenantIntegrations } from "@pp/db/schema";
import { env } from "@pp/env";
import { and, asc, eq, gt, isNotNull, ne, sql } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record-audit-event";
import { decryptSecret, encryptSecret, type Keyring, needsReencryption, parseKeyring } from "../crypto/encrypt-secret";

export type RotationCount = { reencrypted: number; alreadyCurrent: number };
export type RotationReport = {
  keyId: string;
  oidcConnections: RotationCount;
  tenantIntegrations: RotationCount;
};

export type RotateEncryptionKeysOptions = {
  /** Defaults to ENCRYPTION_KEYS; the newest (last) key is the one everything ends up under. */
  keyring?: Keyring;
  /** Rows per transaction. */
  batchSize?: number;
};

const ID_MIN = "00000000-0000-0000-0000-000000000000";

/**
 * Re-encrypts every stored secret (OIDC client secrets, tenant integration credentials) under the
 * newest key in ENCRYPTION_KEYS, a batch per transaction with the rows locked. Idempotent: rows
 * already under the newest key are left alone, so a second run re-encrypts nothing.
 */
export async function rotateEncryptionKeys(
  options: RotateEncryptionKeysOptions = {},
  executor: Executor = db,
): Promise<RotationReport> {
  const keyring = options.keyring ?? parseKeyring(env().ENCRYPTION_KEYS);
  const batchSize = options.batchSize ?? 100;
  const current = keyring.currentKeyId;

  const oidc = await rotateTable(executor, {
    count: async () => (await executor.select({ n: sql<number>`count(*)::int` }).from(oidcConnections))[0]?.n ?? 0,
    nextBatch: (tx, after) =>
      tx
        .select({ id: oidcConnections.id, ciphertext: oidcConnections.clientSecretCiphertext })
        .from(oidcConnections)
        .where(
          and(
            gt(oidcConnections.id, after),
            ne(sql`split_part(${oidcConnections.clientSecretCiphertext}, ':', 1)`, current),
          ),
        )
        .orderBy(asc(oidcConnections.id))
        .limit(batchSize)
        .for("update"),
    write: async (tx, id, ciphertext, keyId) => {
      await tx
        .update(oidcConnections)
        .set({ clientSecretCiphertext: ciphertext, clientSecretKeyId: keyId })
        .where(eq(oidcConnections.id, id));
    },
    label: "OIDC connection",
    keyring,
  });
  const integrations = await rotateTable(executor, {
    count: async () =>
      (
        await executor
          .select({ n: sql<number>`count(*)::int` })
          .from(tenantIntegrations)
          .where(isNotNull(tenantIntegrations.credentialsCiphertext))
      )[0]?.n ?? 0,
    nextBatch: async (tx, after) => {
      const rows = await tx
        .select({ id: tenantIntegrations.id, ciphertext: tenantIntegrations.credentialsCiphertext })
        .from(tenantIntegrations)
        .where(
          and(
            gt(tenantIntegrations.id, after),
            isNotNull(tenantIntegrations.credentialsCiphertext),
            ne(sql`split_part(${tenantIntegrations.credentialsCiphertext}, ':', 1)`, current),
          ),
        )
        .orderBy(asc(tenantIntegrations.id))
        .limit(batchSize)
        .for("update");
      return rows.flatMap((row) => (row.ciphertext === null ? [] : [{ id: row.id, ciphertext: row.ciphertext }]));
    },
    write: async (tx, id, ciphertext, keyId) => {
      await tx
        .update(tenantIntegrations)
        .set({ credentialsCiphertext: ciphertext, credentialsKeyId: keyId })
        .where(eq(tenantIntegrations.id, id));
    },
    label: "tenant integration",
    keyring,
  });

  const report = { keyId: current, oidcConnections: oidc, tenantIntegrations: integrations };
  if (oidc.reencrypted + integrations.reencrypted > 0) {
    await recordAuditEvent(
      {
        actor: { kind: "system", label: "keys:rotate" },
        action: "encryption_keys.rotated",
        metadata: report,
      },
      executor,
    );
  }
  return report;
}

type Row = { id: string; ciphertext: string };
type TableRotation = {
  count: () => Promise<number>;
  nextBatch: (tx: Executor, afterId: string) => Promise<Row[]>;
  write: (tx: Executor, id: string, ciphertext: string, keyId: string) => Promise<void>;
  label: string;
  keyring: Keyring;
};

async function rotateTable(executor: Executor, table: TableRotation): Promise<RotationCount> {
  const total = await table.count();
  let reencrypted = 0;
  let after = ID_MIN;
  for (;;) {
    const done = await executor.transaction(async (tx) => {
      const rows = await table.nextBatch(tx, after);
      for (const row of rows) {
        if (!needsReencryption(row.ciphertext, table.keyring)) continue;
        let plaintext: string;
        try {
          plaintext = decryptSecret(row.ciphertext, table.keyring);
        } catch (error) {
          throw new Error(`${table.label} ${row.id}: ${error instanceof Error ? error.message : String(error)}`);
        }
        const encrypted = encryptSecret(plaintext, table.keyring);
        await table.write(tx, row.id, encrypted.ciphertext, encrypted.keyId);
        reencrypted++;
      }
      const last = rows.at(-1);
      if (last) after = last.id;
      return rows.length === 0;
    });
    if (done) break;
  }
  return { reencrypted, alreadyCurrent: Math.max(total - reencrypted, 0) };
}
