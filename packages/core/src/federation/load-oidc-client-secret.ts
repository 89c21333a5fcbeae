import { db, type Executor } from "@pp/db";
import { oidcConnections } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { decryptSecret, type Keyring } from "../crypto/encrypt-secret";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";
import { SSO_CONNECTION_COLUMNS, type SsoConnection, toSsoConnection } from "./sso-connection";

/**
 * The decrypted client secret, for the server-side token exchange only: never return it to a
 * browser, log it or audit it. Throws not_found for an unknown connection.
 */
export async function loadOidcClientSecret(
  connectionId: string,
  executor: Executor = db,
  keyring?: Keyring,
): Promise<string> {
  if (!isUuid(connectionId)) throw connectionNotFound();
  const [row] = await executor
    .select({ ciphertext: oidcConnections.clientSecretCiphertext })
    .from(oidcConnections)
    .where(eq(oidcConnections.id, connectionId));
  if (!row) throw connectionNotFound();
  return decryptSecret(row.ciphertext, keyring);
}

/** A connection by id for the SSO callback (any status: the caller checks `status === "enabled"`). */
export async function getSsoConnection(connectionId: string, executor: Executor = db): Promise<SsoConnection | null> {
  if (!isUuid(connectionId)) return null;
  const [row] = await executor
    .select(SSO_CONNECTION_COLUMNS)
    .from(oidcConnections)
    .where(eq(oidcConnections.id, connectionId));
  return row ? toSsoConnection(row) : null;
}

export function connectionNotFound(): AppError {
  return new AppError("not_found", "OIDC connection not found");
}
