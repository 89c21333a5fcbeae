import { createHash } from "node:crypto";
import { db, type Executor } from "@pp/db";
import { LOGO_CONTENT_TYPES, LOGO_MAX_BYTES, tenantLogos, tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { MemberActor, StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";

export type LogoContentType = (typeof LOGO_CONTENT_TYPES)[number];
export type TenantLogoInfo = { contentType: LogoContentType; byteSize: number; sha256: string; updatedAt: Date };

/** What a logo may be, for pages to hand to the upload form (which checks early, the server for real). */
export const LOGO_LIMITS = { maxBytes: LOGO_MAX_BYTES, contentTypes: LOGO_CONTENT_TYPES } as const;

const KIND_LABEL: Record<LogoContentType, string> = { "image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WebP" };
const ACCEPTED = "PNG, JPEG or WebP";

/**
 * What the bytes are, by their magic numbers (never by the declared type or file name): PNG's
 * 8-byte signature, JPEG's SOI marker, WebP's RIFF…WEBP header. Anything else (SVG, GIF, HTML) is null.
 */
export function detectLogoType(bytes: Uint8Array): LogoContentType | null {
  const starts = (signature: number[], offset = 0) =>
    bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}

function tooLarge(): AppError {
  return new AppError(
    "payload_too_large",
    `The logo is larger than ${LOGO_MAX_BYTES / 1024} KB — use a smaller image`,
    {
      details: [{ path: "logo", message: `must be at most ${LOGO_MAX_BYTES / 1024} KB` }],
    },
  );
}

/**
 * Reads an upload body, stopping as soon as it passes `maxBytes` (413) whatever Content-Length
 * claims, so a huge upload is never held in memory.
 */
export async function readUploadBytes(
  body: ReadableStream<Uint8Array> | null,
  declaredLength: string | null,
  maxBytes: number = LOGO_MAX_BYTES,
): Promise<Buffer> {
  const declared = Number(declaredLength);
  if (declaredLength !== null && Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export type UploadTenantLogoOptions = {
  tenantId: string;
  actor: StaffActor | MemberActor;
  bytes: Uint8Array;
  /** The request's Content-Type: it must be an accepted image type and agree with the bytes. */
  declaredType: string | null;
  now?: Date;
  context?: AuditContext;
};

/**
 * Stores (or replaces) the tenant's logo after checking it: not empty (400), at most 512 KB (413),
 * a PNG, JPEG or WebP both by the declared type and by its magic bytes (415). SVG is refused on
 * purpose: it can carry script. Audited with the type, size and hash (never the bytes).
 */
export async function uploadTenantLogo(
  options: UploadTenantLogoOptions,
  executor: Executor = db,
): Promise<TenantLogoInfo> {
  const { tenantId, actor, bytes } = options;
  const now = options.now ?? new Date();
  if (!isUuid(tenantId)) throw new AppError("not_found", "Tenant not found");
  if (bytes.byteLength === 0) {
    throw new AppError("validation_failed", "logo: the file is empty — choose a PNG, JPEG or WebP image", {
      details: [{ path: "logo", message: "is empty" }],
    });
  }
  if (bytes.byteLength > LOGO_MAX_BYTES) throw tooLarge();
  const declared = (options.declaredType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const normalisedDeclared = declared === "image/jpg" ? "image/jpeg" : declared;
  if (!(LOGO_CONTENT_TYPES as readonly string[]).includes(normalisedDeclared)) {
    throw new AppError(
      "unsupported_media_type",
      `The logo must be a ${ACCEPTED} image${declared ? ` (this file is ${declared})` : ""}`,
      { details: [{ path: "logo", message: `must be ${ACCEPTED}` }] },
    );
  }
  const detected = detectLogoType(bytes);
  if (!detected) {
    throw new AppError("unsupported_media_type", `The file is not a ${ACCEPTED} image, whatever its name says`, {
      details: [{ path: "logo", message: `is not a ${ACCEPTED} image` }],
    });
  }
  if (detected !== normalisedDeclared) {
    throw new AppError(
      "unsupported_media_type",
      `The file says ${normalisedDeclared} but its content is ${KIND_LABEL[detected]} — save it again as the type it is`,
      { details: [{ path: "logo", message: `content is ${KIND_LABEL[detected]}, not ${normalisedDeclared}` }] },
    );
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sha256 = createHash("sha256").update(buffer).digest("hex");

  return executor.transaction(async (tx) => {
    const [tenant] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId));
    if (!tenant) throw new AppError("not_found", "Tenant not found");
    const [previous] = await tx
      .select({ contentType: tenantLogos.contentType, byteSize: tenantLogos.byteSize, sha256: tenantLogos.sha256 })
      .from(tenantLogos)
      .where(eq(tenantLogos.tenantId, tenantId))
      .for("update");
    const values = { contentType: detected, bytes: buffer, byteSize: buffer.byteLength, sha256, updatedAt: now };
    await tx
      .insert(tenantLogos)
      .values({ tenantId, ...values, createdAt: now })
      .onConflictDoUpdate({ target: tenantLogos.tenantId, set: values });
    await recordAuditEvent(
      {
        actor,
        action: "onboarding.logo_uploaded",
        tenantId,
        target: { type: "tenant_logo", id: tenantId },
        before: previous ?? null,
        after: { contentType: detected, byteSize: buffer.byteLength, sha256 },
        context: options.context,
      },
      tx,
    );
    return { contentType: detected, byteSize: buffer.byteLength, sha256, updatedAt: now };
  });
}

/** The logo's description without its bytes (for pages and the checklist), or null. */
export async function getTenantLogoInfo(tenantId: string, executor: Executor = db): Promise<TenantLogoInfo | null> {
  if (!isUuid(tenantId)) return null;
  const [row] = await executor
    .select({
      contentType: tenantLogos.contentType,
      byteSize: tenantLogos.byteSize,
      sha256: tenantLogos.sha256,
      updatedAt: tenantLogos.updatedAt,
    })
    .from(tenantLogos)
    .where(eq(tenantLogos.tenantId, tenantId));
  return row ?? null;
}

/**
 * The logo as an HTTP response: its stored type, `nosniff`, a CSP that runs nothing, and a long
 * cache keyed by the content hash (the URL carries `?v=<hash>`, so a new logo is a new URL).
 * A matching If-None-Match answers 304. No logo → 404.
 */
export async function tenantLogoResponse(
  tenantId: string,
  ifNoneMatch: string | null,
  executor: Executor = db,
): Promise<Response> {
  if (!isUuid(tenantId)) throw new AppError("not_found", "This tenant has no logo");
  const [row] = await executor.select().from(tenantLogos).where(eq(tenantLogos.tenantId, tenantId));
  if (!row) throw new AppError("not_found", "This tenant has no logo");
  const etag = `"${row.sha256}"`;
  const headers = {
    "Content-Type": row.contentType,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Content-Disposition": "inline",
    // Private: the logo sits behind sign-in. Immutable: a changed logo gets a new ?v= URL.
    "Cache-Control": "private, max-age=31536000, immutable",
    ETag: etag,
  };
  if (ifNoneMatch?.split(",").some((tag) => tag.trim() === etag)) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(row.bytes), {
    status: 200,
    headers: { ...headers, "Content-Length": String(row.byteSize) },
  });
}
