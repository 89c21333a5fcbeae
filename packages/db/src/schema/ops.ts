import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { at, createdAt, id, oneOf, updatedAt } from "./columns";
import { ALERT_KINDS, ALERT_STATUSES, EMAIL_STATUSES } from "./enums";
import { tenants } from "./tenancy";

export type EmailAttachment = { filename: string; contentType: string; content: string };

/** Every email the product sends goes through here; the SMTP sender drains it. */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: id(),
    tenantId: uuid("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    // The one-time link (invitation, password reset) the text refers to, AES-GCM encrypted with
    // ENCRYPTION_KEYS; merged in only when sending and erased once sent, failed or expired.
    secretCiphertext: text("secret_ciphertext"),
    // Files sent with the message (a digest's CSVs), as text.
    attachments: jsonb("attachments").$type<EmailAttachment[]>().notNull().default([]),
    // Extra header fields (List-Unsubscribe, List-Unsubscribe-Post).
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    // A queued message not sent by then is dropped (its link would have expired anyway).
    expiresAt: at("expires_at"),
    kind: text("kind").notNull(),
    relatedType: text("related_type"),
    relatedId: text("related_id"),
    status: text("status", { enum: EMAIL_STATUSES }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    sentAt: at("sent_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("email_outbox_queued_idx").on(t.createdAt).where(sql`status = 'queued'`),
    index("email_outbox_related_idx").on(t.relatedType, t.relatedId),
    check("email_outbox_status_check", oneOf("status", EMAIL_STATUSES)),
  ],
);

export const alerts = pgTable(
  "alerts",
  {
    id: id(),
    kind: text("kind", { enum: ALERT_KINDS }).notNull(),
    tenantId: uuid("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    // Dedup key: one firing alert per rule + subject.
    fingerprint: text("fingerprint").notNull(),
    severity: text("severity").notNull(),
    title: text("title").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    status: text("status", { enum: ALERT_STATUSES }).notNull().default("firing"),
    firedAt: at("fired_at").notNull().defaultNow(),
    resolvedAt: at("resolved_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("alerts_firing_fingerprint_key").on(t.fingerprint).where(sql`status <> 'resolved'`),
    check("alerts_kind_check", oneOf("kind", ALERT_KINDS)),
    check("alerts_status_check", oneOf("status", ALERT_STATUSES)),
  ],
);

export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    id: id(),
    // Who sent the key (staff user, tenant user or API key id): keys never collide across callers.
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    route: text("route").notNull(),
    requestHash: text("request_hash").notNull(),
    responseStatus: integer("response_status"),
    responseBody: jsonb("response_body"),
    createdAt: createdAt(),
    expiresAt: at("expires_at").notNull(),
  },
  (t) => [
    uniqueIndex("idempotency_keys_scope_key").on(t.scope, t.key),
    index("idempotency_keys_expires_idx").on(t.expiresAt),
  ],
);

export const WEBHOOK_EVENT_STATUSES = ["pending", "processed", "ignored", "failed"] as const;

/**
 * Every verified webhook event, stored once under the provider's event id (a replay finds its row and
 * changes nothing). A job processes pending rows (core/payments); unknown types are kept, marked ignored.
 */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: text("id").primaryKey(),
    source: text("source").notNull(),
    type: text("type").notNull(),
    // The provider's `created` time: handlers compare it so an older event never undoes a newer one.
    eventCreatedAt: at("event_created_at"),
    payload: jsonb("payload"),
    status: text("status", { enum: WEBHOOK_EVENT_STATUSES }).notNull().default("processed"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    receivedAt: at("received_at").notNull().defaultNow(),
    processedAt: at("processed_at"),
  },
  (t) => [
    index("webhook_events_pending_idx").on(t.receivedAt).where(sql`status in ('pending', 'failed')`),
    check("webhook_events_status_check", oneOf("status", WEBHOOK_EVENT_STATUSES)),
  ],
);

/** Action Center: an item snoozed with a reason stays hidden until the date. */
export const actionSnoozes = pgTable(
  "action_snoozes",
  {
    id: id(),
    bucket: text("bucket").notNull(),
    itemId: text("item_id").notNull(),
    reason: text("reason").notNull(),
    until: at("until").notNull(),
    snoozedBy: text("snoozed_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("action_snoozes_item_key").on(t.bucket, t.itemId)],
);
