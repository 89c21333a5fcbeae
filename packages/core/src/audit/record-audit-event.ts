import { db, type Executor } from "@pp/db";
import { auditEvents } from "@pp/db/schema";
import type { Actor } from "../auth/actors";

export type AuditContext = { requestId?: string; ip?: string; userAgent?: string };

/** Someone known only by their user account (signing in or out, resetting a password): no role or tenant yet. */
export type AccountActor = { kind: "account"; userId: string; email: string; staff: boolean };

export type AuditEventInput = {
  actor: Actor | AccountActor | { kind: "system"; label: string };
  /** `domain.verb`, e.g. `tenant.updated`, `lead.dispute_approved`. */
  action: string;
  tenantId?: string | null;
  target?: { type: string; id: string };
  before?: unknown;
  after?: unknown;
  metadata?: Record<string, unknown>;
  context?: AuditContext;
};

const SECRET_KEYS = /pass(word)?|secret|token|api_?key|authorization|cookie|hash|ciphertext/i;

/** Secrets never reach the audit trail: any key that looks like one is replaced wherever it sits. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, SECRET_KEYS.test(key) ? "[redacted]" : redactSecrets(inner)]),
    );
  }
  return value;
}

function describeActor(actor: AuditEventInput["actor"]) {
  switch (actor.kind) {
    case "staff":
      return { actorType: "staff", actorId: actor.userId, actorLabel: actor.email } as const;
    case "member":
      return { actorType: "user", actorId: actor.userId, actorLabel: actor.email } as const;
    case "api_key":
      return { actorType: "api_key", actorId: actor.apiKeyId, actorLabel: null } as const;
    case "account":
      return { actorType: actor.staff ? "staff" : "user", actorId: actor.userId, actorLabel: actor.email } as const;
    case "system":
      return { actorType: "system", actorId: null, actorLabel: actor.label } as const;
  }
}

/** Appends one row to the audit trail; pass the transaction so the event commits with the change. */
export async function recordAuditEvent(input: AuditEventInput, executor: Executor = db): Promise<void> {
  await executor.insert(auditEvents).values({
    ...describeActor(input.actor),
    action: input.action,
    tenantId:
      input.tenantId ?? (input.actor.kind === "member" || input.actor.kind === "api_key" ? input.actor.tenantId : null),
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    requestId: input.context?.requestId ?? null,
    ip: input.context?.ip ?? null,
    userAgent: input.context?.userAgent ?? null,
    before: input.before === undefined ? null : redactSecrets(input.before),
    after: input.after === undefined ? null : redactSecrets(input.after),
    metadata: redactSecrets(input.metadata ?? {}) as Record<string, unknown>,
  });
}
