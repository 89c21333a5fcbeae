import { db, type Executor } from "@pp/db";
import { INTEGRATION_KINDS, tenantIntegrations, tenants } from "@pp/db/schema";
import { env } from "@pp/env";
import { and, eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { decryptSecret } from "../crypto/encrypt-secret";
import { AppError } from "../errors";
import { resolveOutboundHost } from "../net/outbound-guard";
import { isUuid, parseInput } from "../parse-input";
import { checkCalendarFeed } from "./check-calendar-feed";
import { ZEmailIntegration } from "./step-schemas";

export const ZTestIntegration = z.object({
  /** Where the test email goes; the staff member's own address when empty. */
  to: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((value) => value || undefined)
    .pipe(z.email("must be an email address like name@company.com").optional()),
});

export type TestIntegrationOptions = z.input<typeof ZTestIntegration> & {
  tenantId: string;
  kind: string;
  actor: StaffActor;
  context?: AuditContext;
};

export type IntegrationTestResult = { kind: string; ok: boolean; status: string; message: string };

/**
 * Proves a saved integration works against the real service: email sends a message through the tenant's
 * SMTP server, calendar fetches the feed. The result is stored on the integration and audited.
 */
export async function testIntegration(
  options: TestIntegrationOptions,
  executor: Executor = db,
): Promise<IntegrationTestResult> {
  const { tenantId, actor } = options;
  const { to } = parseInput(ZTestIntegration, { to: options.to });
  const kind = z.enum(INTEGRATION_KINDS).safeParse(options.kind);
  if (!isUuid(tenantId) || !kind.success) throw new AppError("not_found", "Integration not found");
  const [row] = await executor
    .select({ integration: tenantIntegrations, tenantName: tenants.name })
    .from(tenantIntegrations)
    .innerJoin(tenants, eq(tenants.id, tenantIntegrations.tenantId))
    .where(and(eq(tenantIntegrations.tenantId, tenantId), eq(tenantIntegrations.kind, kind.data)));
  if (!row || row.integration.status === "not_configured") {
    throw new AppError(
      "not_found",
      `The ${kind.data} integration is not set up yet — complete its onboarding step first`,
    );
  }
  const { integration } = row;

  let outcome: { ok: boolean; message: string };
  if (kind.data === "quickbooks") {
    throw new AppError(
      "unprocessable",
      "QuickBooks is checked by authorizing it: use Connect QuickBooks on the QuickBooks step",
    );
  } else if (kind.data === "calendar") {
    const check = await checkCalendarFeed(String(integration.config.icsUrl ?? ""));
    outcome = check.ok
      ? { ok: true, message: "The calendar feed answered with iCalendar data" }
      : { ok: false, message: `The calendar feed failed: ${check.reason}` };
  } else {
    outcome = await sendTestEmail(integration, to ?? actor.email, row.tenantName);
  }

  const status = outcome.ok ? "connected" : "error";
  await executor.transaction(async (tx) => {
    await tx
      .update(tenantIntegrations)
      .set({ status, lastCheckedAt: new Date(), lastError: outcome.ok ? null : outcome.message })
      .where(eq(tenantIntegrations.id, integration.id));
    await recordAuditEvent(
      {
        actor,
        action: "integration.tested",
        tenantId,
        target: { type: "tenant_integration", id: integration.id },
        after: { kind: kind.data, ok: outcome.ok, message: outcome.message },
        context: options.context,
      },
      tx,
    );
  });
  return { kind: kind.data, ok: outcome.ok, status, message: outcome.message };
}

async function sendTestEmail(
  integration: typeof tenantIntegrations.$inferSelect,
  to: string,
  tenantName: string,
): Promise<{ ok: boolean; message: string }> {
  const config = ZEmailIntegration.safeParse(integration.config);
  if (!config.success)
    return { ok: false, message: "The saved SMTP settings are incomplete — complete the email step again" };
  let password: string | undefined;
  if (integration.credentialsCiphertext) {
    const secret: unknown = JSON.parse(decryptSecret(integration.credentialsCiphertext));
    password = secret && typeof secret === "object" && "password" in secret ? String(secret.password) : undefined;
  }
  const { host, port, secure, username, fromAddress } = config.data;
  // The tenant typed this host: connect only to an address the outbound guard allows, and say the
  // same for a refused address, an unknown host, a closed port or silence.
  let address: string;
  try {
    address = await resolveOutboundHost(host);
  } catch {
    return { ok: false, message: `Sending through ${host}:${port} failed: the server could not be reached` };
  }
  const transport = nodemailer.createTransport({
    host: address,
    port,
    secure,
    tls: { servername: host },
    auth: username ? { user: username, pass: password ?? "" } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 15_000,
  });
  try {
    await transport.sendMail({
      from: fromAddress,
      to,
      subject: `Test email from ${tenantName}`,
      text: `This is a test email sent through ${host}:${port} to confirm ${tenantName}'s email settings work.\n\nSent by ${env().portalUrl}`,
    });
    return { ok: true, message: `Test email sent to ${to} through ${host}:${port}` };
  } catch (error) {
    return { ok: false, message: `Sending through ${host}:${port} failed: ${smtpFailureReason(error)}` };
  } finally {
    transport.close();
  }
}

// Connection-level failures (refused, timed out, TLS, greeting) read the same; only an answer from
// a mail server (authentication, a refused sender or recipient) is worth reporting in its words.
const UNREACHABLE_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ETLS", "EPROTOCOL"]);

function smtpFailureReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || UNREACHABLE_CODES.has(code)) return "the server could not be reached";
  return error instanceof Error ? error.message : "unknown error";
}
