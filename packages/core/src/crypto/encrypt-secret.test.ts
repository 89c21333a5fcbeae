import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, needsReencryption, parseKeyring } from "./encrypt-secret";

const k1 = randomBytes(32).toString("base64");
const k2 = randomBytes(32).toString("base64");

describe("encryptSecret", () => {
  it("round-trips and never returns the plaintext", () => {
    const keyring = parseKeyring(`v1:${k1}`);
    const { ciphertext, keyId } = encryptSecret("hunter2-smtp-password", keyring);
    expect(keyId).toBe("v1");
    expect(ciphertext).not.toContain("hunter2");
    expect(ciphertext.split(":")).toHaveLength(4);
    expect(ciphertext.startsWith("v1:")).toBe(true);
    expect(decryptSecret(ciphertext, keyring)).toBe("hunter2-smtp-password");
  });

  it("uses a fresh IV each time", () => {
    const keyring = parseKeyring(`v1:${k1}`);
    expect(encryptSecret("same", keyring).ciphertext).not.toBe(encryptSecret("same", keyring).ciphertext);
  });

  it("encrypts with the newest key and still decrypts older ones after rotation", () => {
    const old = encryptSecret("old secret", parseKeyring(`v1:${k1}`));
    const rotated = parseKeyring(`v1:${k1},v2:${k2}`);
    const fresh = encryptSecret("new secret", rotated);
    expect(fresh.keyId).toBe("v2");
    expect(decryptSecret(old.ciphertext, rotated)).toBe("old secret");
    expect(decryptSecret(fresh.ciphertext, rotated)).toBe("new secret");
    expect(needsReencryption(old.ciphertext, rotated)).toBe(true);
    expect(needsReencryption(fresh.ciphertext, rotated)).toBe(false);
  });

  it("refuses a tampered ciphertext, a relabelled key id and a retired key", () => {
    const keyring = parseKeyring(`v1:${k1},v2:${k1}`);
    const { ciphertext } = encryptSecret("secret", keyring);
    const [, iv, tag, data] = ciphertext.split(":");
    const flipped = Buffer.from(data ?? "", "base64");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => decryptSecret(`v2:${iv}:${tag}:${flipped.toString("base64")}`, keyring)).toThrow();
    // Same key bytes under another id: the authenticated key id makes it fail.
    expect(() => decryptSecret(`v1:${iv}:${tag}:${data}`, keyring)).toThrow();
    expect(() => decryptSecret(ciphertext, parseKeyring(`v1:${k1}`))).toThrow(/no longer configured/);
  });

  it("rejects malformed keyrings", () => {
    expect(() => parseKeyring(undefined)).toThrow(/not set/);
    expect(() => parseKeyring("v1:c2hvcnQ=")).toThrow(/32 bytes/);
    expect(() => parseKeyring(`:${k1}`)).toThrow(/key id/);
  });
});
