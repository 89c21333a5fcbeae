import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { db } from "@pp/db";
import { createTenant } from "@pp/db/factories";
import { auditEvents, tenantIntegrations } from "@pp/db/schema";
import { resetEnv } from "@pp/env";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpSink } from "../../../../tooling/vitest/smtp-sink";
import { rejection, signedInStaff } from "../staff/testing";
import { checkCalendarFeed } from "./check-calendar-feed";
import { saveOnboarding } from "./save-onboarding";
import { startOnboarding } from "./start-onboarding";
import { testIntegration } from "./test-integration";

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let calendar: Server;
let calendarUrl: string;

beforeAll(async () => {
  process.env.ENCRYPTION_KEYS = `v1:${randomBytes(32).toString("base64")}`;
  resetEnv();
  sink = await startSmtpSink();
  calendar = createServer((request, response) => {
    if (request.url === "/to-metadata.ics") {
      response.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
      response.end();
    } else if (request.url === "/team.ics") {
      response.writeHead(200, { "content-type": "text/calendar" });
      response.end("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n");
    } else {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<html>not a calendar</html>");
    }
  });
  await new Promise<void>((resolve) => calendar.listen(0, "127.0.0.1", resolve));
  calendarUrl = `http://127.0.0.1:${(calendar.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await sink.close();
  await new Promise<void>((resolve) => calendar.close(() => resolve()));
});

async function started() {
  const tenant = await createTenant(db, { onboardingStatus: "not_started", name: "Sparky Sinks" });
  const { actor } = await signedInStaff("operations");
  await startOnboarding({ tenantId: tenant.id, actor });
  return { tenant, actor };
}

async function integration(tenantId: string, kind: "email" | "calendar" | "quickbooks") {
  const [row] = await db
    .select()
    .from(tenantIntegrations)
    .where(and(eq(tenantIntegrations.tenantId, tenantId), eq(tenantIntegrations.kind, kind)));
  return row;
}

describe("integration steps", () => {
  it("sends a real test email through the tenant's SMTP server and marks email connected", async () => {
    const { tenant, actor } = await started();
    const { port } = new URL(sink.url);
    await saveOnboarding({
      tenantId: tenant.id,
      actor,
      version: 1,
      steps: {
        email_integration: {
          action: "complete",
          values: { host: "127.0.0.1", port: Number(port), secure: false, fromAddress: "office@sparky.test" },
        },
      },
    });
    expect((await integration(tenant.id, "email"))?.status).toBe("awaiting_authorization");

    const result = await testIntegration({ tenantId: tenant.id, kind: "email", actor, to: "check@sparky.test" });
    expect(result).toMatchObject({ ok: true, status: "connected" });
    const mail = await sink.waitFor("check@sparky.test");
    expect(mail.from).toBe("office@sparky.test");
    expect(mail.raw).toContain("Test email from Sparky Sinks");
    expect(await integration(tenant.id, "email")).toMatchObject({ status: "connected", lastError: null });
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "integration.tested"));
    expect(audit?.after).toMatchObject({ kind: "email", ok: true });
  });

  it("records an honest error when the SMTP server cannot be reached", async () => {
    const { tenant, actor } = await started();
    await saveOnboarding({
      tenantId: tenant.id,
      actor,
      version: 1,
      steps: {
        email_integration: {
          action: "complete",
          values: { host: "127.0.0.1", port: 1, secure: false, fromAddress: "office@sparky.test" },
        },
      },
    });
    const result = await testIntegration({ tenantId: tenant.id, kind: "email", actor });
    expect(result.ok).toBe(false);
    expect(result.message).toBe("Sending through 127.0.0.1:1 failed: the server could not be reached");
    expect((await integration(tenant.id, "email"))?.status).toBe("error");
  });

  it("never connects to a private address, and says so in the same words as for a closed port", async () => {
    const { tenant, actor } = await started();
    await saveOnboarding({
      tenantId: tenant.id,
      actor,
      version: 1,
      steps: {
        email_integration: {
          action: "complete",
          values: { host: "10.255.255.1", port: 25, secure: false, fromAddress: "office@sparky.test" },
        },
      },
    });
    const started_ = Date.now();
    const result = await testIntegration({ tenantId: tenant.id, kind: "email", actor });
    expect(result).toMatchObject({
      ok: false,
      message: "Sending through 10.255.255.1:25 failed: the server could not be reached",
    });
    // Refused before any connection: no 10-second connect timeout was waited out.
    expect(Date.now() - started_).toBeLessThan(5000);
  });

  it("does not follow a calendar feed's redirect to a link-local address", async () => {
    expect(await checkCalendarFeed(`${calendarUrl}/to-metadata.ics`)).toEqual({
      ok: false,
      reason: "the feed could not be reached",
    });
    expect(await checkCalendarFeed(`${calendarUrl}/team.ics`)).toEqual({ ok: true });
  });

  it("checks the calendar feed on completion and refuses one that is not iCalendar", async () => {
    const { tenant, actor } = await started();
    const error = await rejection(
      saveOnboarding({
        tenantId: tenant.id,
        actor,
        version: 1,
        steps: { calendar_integration: { action: "complete", values: { icsUrl: `${calendarUrl}/page.html` } } },
      }),
    );
    expect(error.status).toBe(400);
    expect(error.message).toContain("icsUrl");
    expect(error.message).toContain("BEGIN:VCALENDAR");
    expect(await integration(tenant.id, "calendar")).toBeUndefined();

    await saveOnboarding({
      tenantId: tenant.id,
      actor,
      version: 1,
      steps: { calendar_integration: { action: "complete", values: { icsUrl: `${calendarUrl}/team.ics` } } },
    });
    expect(await integration(tenant.id, "calendar")).toMatchObject({ status: "connected" });
    expect(await testIntegration({ tenantId: tenant.id, kind: "calendar", actor })).toMatchObject({ ok: true });
  });

  it("stores QuickBooks settings as awaiting authorization and says the OAuth step is not available", async () => {
    const { tenant, actor } = await started();
    await saveOnboarding({
      tenantId: tenant.id,
      actor,
      version: 1,
      steps: {
        quickbooks_integration: {
          action: "complete",
          values: { clientId: "ABC123", clientSecret: "qb-client-secret-value", environment: "sandbox" },
        },
      },
    });
    const row = await integration(tenant.id, "quickbooks");
    expect(row).toMatchObject({
      status: "awaiting_authorization",
      config: { clientId: "ABC123", environment: "sandbox" },
    });
    expect(row?.credentialsCiphertext).not.toContain("qb-client-secret-value");
    const error = await rejection(testIntegration({ tenantId: tenant.id, kind: "quickbooks", actor }));
    expect(error.status).toBe(422);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenant.id));
    expect(JSON.stringify(audit)).not.toContain("qb-client-secret-value");
  });

  it("answers 404 for an integration that was never set up or an unknown kind", async () => {
    const { tenant, actor } = await started();
    expect((await rejection(testIntegration({ tenantId: tenant.id, kind: "email", actor }))).status).toBe(404);
    expect((await rejection(testIntegration({ tenantId: tenant.id, kind: "fax", actor }))).status).toBe(404);
  });
});
