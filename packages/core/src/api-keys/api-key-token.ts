import { createHash, randomInt } from "node:crypto";

// pp_live_<prefix8>_<secret32>: the prefix is stored and shown so people can tell keys apart;
// the secret exists only in the create response and, hashed, in the database.
export const API_KEY_TOKEN_START = "pp_live_";
const PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const PREFIX_LENGTH = 8;
const SECRET_LENGTH = 32;
const TOKEN = /^pp_live_[a-z0-9]{8}_[A-Za-z0-9]{32}$/;

/** randomInt draws from the CSPRNG without modulo bias. */
function randomString(alphabet: string, length: number): string {
  let text = "";
  for (let index = 0; index < length; index++) text += alphabet[randomInt(alphabet.length)];
  return text;
}

export type NewApiKeyToken = {
  /** The whole key, shown to its creator once. */
  token: string;
  /** `pp_live_ab12cd34`: stored, listed, and enough to recognise the key. */
  prefix: string;
  /** SHA-256 hex of the whole key: the only form of the secret the database holds. */
  hash: string;
};

export function generateApiKeyToken(): NewApiKeyToken {
  const prefix = `${API_KEY_TOKEN_START}${randomString(PREFIX_ALPHABET, PREFIX_LENGTH)}`;
  const token = `${prefix}_${randomString(SECRET_ALPHABET, SECRET_LENGTH)}`;
  return { token, prefix, hash: hashApiKeyToken(token) };
}

export function hashApiKeyToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** True when the text has the shape of one of our keys; anything else is refused without a query. */
export function looksLikeApiKeyToken(text: string): boolean {
  return TOKEN.test(text);
}
