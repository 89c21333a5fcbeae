import { randomUUID } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import { db } from "@pp/db";
import { createStaffUser, createTenant, ensureReferenceData, type Tenant } from "@pp/db/factories";
import { auditEvents, tenantLogos } from "@pp/db/schema";
import { env, resetEnv } from "@pp/env";
import { callRoute, signInCookie } from "@pp/http/testing";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "./route";

const PASSWORD = "correct-horse-battery";
const TEMPLATE = "/api/provider/onboarding/[tenantId]/logo";
let tenant: Tenant;
let operationsCookie = "";
let viewerCookie = "";

async function signIn(email: string): Promise<string> {
  const { getAuth } = await import("../../../../../../lib/auth");
  return signInCookie(getAuth(), email, PASSWORD);
}

beforeAll(async () => {
  process.env.AUTH_SECRET = "logo-route-test-secret-of-enough-length";
  resetEnv();
  await ensureReferenceData(db);
  tenant = await createTenant(db, { name: "Logo Plumbing" });
  const suffix = randomUUID().slice(0, 8);
  await createStaffUser(db, { role: "operations", email: `ops-${suffix}@logo.test`, password: PASSWORD });
  await createStaffUser(db, { role: "viewer", email: `viewer-${suffix}@logo.test`, password: PASSWORD });
  operationsCookie = await signIn(`ops-${suffix}@logo.test`);
  viewerCookie = await signIn(`viewer-${suffix}@logo.test`);
}, 60_000);

/** A real 2×2 RGB PNG, built from its chunks. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.from([0, 29, 78, 216, 255, 255, 255, 0, 255, 255, 255, 29, 78, 216]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

function upload(tenantId: string, body: Buffer, contentType: string | null, cookie = operationsCookie) {
  const headers: Record<string, string> = { cookie, origin: env().portalUrl };
  if (contentType) headers["content-type"] = contentType;
  const request = new Request(`${env().portalUrl}/api/provider/onboarding/${tenantId}/logo`, {
    method: "POST",
    headers,
    body: new Uint8Array(body),
  });
  return callRoute(POST, request, { tenantId });
}

function download(tenantId: string, headers: Record<string, string> = {}) {
  const request = new Request(`${env().portalUrl}/api/provider/onboarding/${tenantId}/logo`, {
    headers: { cookie: operationsCookie, ...headers },
  });
  return callRoute(GET, request, { tenantId });
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe(`POST ${TEMPLATE} (logo upload)`, () => {
  it("stores a PNG, audits it, and serves it back byte-identical with its type, nosniff and a hash ETag", async () => {
    const image = png();
    const response = await upload(tenant.id, image, "image/png");
    expect(response.status).toBe(201);
    const info = (await response.json()) as { contentType: string; byteSize: number; sha256: string };
    expect(info).toMatchObject({ contentType: "image/png", byteSize: image.length });

    const served = await download(tenant.id);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("cache-control")).toContain("max-age=31536000");
    expect(served.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(Buffer.from(await served.arrayBuffer()).equals(image)).toBe(true);
    const etag = served.headers.get("etag");
    expect(etag).toBe(`"${info.sha256}"`);
    expect((await download(tenant.id, { "if-none-match": etag ?? "" })).status).toBe(304);

    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, tenant.id), eq(auditEvents.action, "onboarding.logo_uploaded")));
    expect(audit?.after).toEqual({ contentType: "image/png", byteSize: image.length, sha256: info.sha256 });
  });

  it("replaces the logo with a JPEG (one row per tenant)", async () => {
    const response = await upload(tenant.id, JPEG, "image/jpeg");
    expect(response.status).toBe(201);
    const served = await download(tenant.id);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await served.arrayBuffer()).equals(JPEG)).toBe(true);
    expect(
      await db.select({ id: tenantLogos.id }).from(tenantLogos).where(eq(tenantLogos.tenantId, tenant.id)),
    ).toHaveLength(1);
  });

  it("checks the type by magic bytes: SVG, a disguised SVG and a mislabelled JPEG are 415", async () => {
    const svg = await upload(tenant.id, SVG, "image/svg+xml");
    expect(svg.status).toBe(415);
    expect((await errorOf(svg)).message).toContain("PNG, JPEG or WebP");

    const disguised = await upload(tenant.id, SVG, "image/png");
    expect(disguised.status).toBe(415);
    expect((await errorOf(disguised)).message).toContain("not a PNG, JPEG or WebP image");

    const mislabelled = await upload(tenant.id, JPEG, "image/png");
    expect(mislabelled.status).toBe(415);
    expect((await errorOf(mislabelled)).message).toContain("its content is JPEG");

    expect((await upload(tenant.id, png(), null)).status).toBe(415);
  });

  it("refuses more than 512 KB with 413 and an empty file with 400", async () => {
    const huge = Buffer.concat([png(), Buffer.alloc(512 * 1024)]);
    const tooBig = await upload(tenant.id, huge, "image/png");
    expect(tooBig.status).toBe(413);
    expect((await errorOf(tooBig)).message).toContain("512 KB");

    const empty = await upload(tenant.id, Buffer.alloc(0), "image/png");
    expect(empty.status).toBe(400);
    expect((await errorOf(empty)).message).toContain("empty");
  });

  it("answers 404 for an unknown tenant or a tenant without a logo, and 403 to a viewer", async () => {
    expect((await upload(randomUUID(), png(), "image/png")).status).toBe(404);
    const bare = await createTenant(db, { name: "No Logo Heating" });
    expect((await download(bare.id)).status).toBe(404);
    expect((await upload(bare.id, png(), "image/png", viewerCookie)).status).toBe(403);
  });
});
