import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@pp/env";

// AES-256-GCM with a versioned keyring: ENCRYPTION_KEYS = "v1:base64key,v2:base64key", newest last.
// New secrets use the newest key; old ciphertexts still decrypt while their key id stays listed.

export type Keyring = { keys: Map<string, Buffer>; currentKeyId: string };

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Parses "v1:base64,v2:base64"; every key must be 32 bytes. Throws naming the bad entry. */
export function parseKeyring(source: string | undefined): Keyring {
  if (!source?.trim()) throw new Error("ENCRYPTION_KEYS is not set — secrets cannot be stored");
  const keys = new Map<string, Buffer>();
  let currentKeyId = "";
  for (const entry of source
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf(":");
    const keyId = entry.slice(0, separator);
    if (separator < 1 || !KEY_ID.test(keyId)) throw new Error(`ENCRYPTION_KEYS: "${keyId}" is not a key id like v1`);
    const key = Buffer.from(entry.slice(separator + 1), "base64");
    if (key.length !== 32) throw new Error(`ENCRYPTION_KEYS: key ${keyId} must be 32 bytes (base64)`);
    keys.set(keyId, key);
    currentKeyId = keyId;
  }
  if (!currentKeyId) throw new Error("ENCRYPTION_KEYS is empty — secrets cannot be stored");
  return { keys, currentKeyId };
}

export type EncryptedSecret = { ciphertext: string; keyId: string };

/** Encrypts with the newest key; the result is `keyId:iv:tag:data` (base64 parts). */
export function encryptSecret(
  plaintext: string,
  keyring: Keyring = parseKeyring(env().ENCRYPTION_KEYS),
): EncryptedSecret {
  const keyId = keyring.currentKeyId;
  const key = keyring.keys.get(keyId);
  if (!key) throw new Error(`Encryption key ${keyId} is missing`);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  // The key id is authenticated too, so a ciphertext cannot be relabelled to another key.
  cipher.setAAD(Buffer.from(keyId));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return {
    ciphertext: [keyId, iv.toString("base64"), tag.toString("base64"), data.toString("base64")].join(":"),
    keyId,
  };
}

/** Decrypts a `keyId:iv:tag:data` ciphertext with whichever listed key wrote it. */
export function decryptSecret(ciphertext: string, keyring: Keyring = parseKeyring(env().ENCRYPTION_KEYS)): string {
  const [keyId, iv, tag, data, ...rest] = ciphertext.split(":");
  if (!keyId || iv === undefined || tag === undefined || data === undefined || rest.length > 0) {
    throw new Error("Not an encrypted secret (expected keyId:iv:tag:data)");
  }
  const key = keyring.keys.get(keyId);
  if (!key) throw new Error(`Encryption key ${keyId} is no longer configured — re-enter the secret`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
  decipher.setAAD(Buffer.from(keyId));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString("utf8");
}

/** Whether a stored secret was written with an older key and should be re-encrypted. */
export function needsReencryption(ciphertext: string, keyring: Keyring = parseKeyring(env().ENCRYPTION_KEYS)): boolean {
  return ciphertext.split(":", 1)[0] !== keyring.currentKeyId;
}
