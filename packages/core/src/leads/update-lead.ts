import { db, type Executor } from "@pp/db";
import { LEAD_STATUSES, type LeadContact, leads } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { ApiKeyActor, MemberActor } from "../auth/actors";
import { AppError } from "../errors";
import { isUuid, parseInput } from "../parse-input";
import { type ApiLead, getApiLeadOrThrow } from "./api-lead";
import { ZLeadContact } from "./intake-lead";
import { pipelineOf, stageForStatus } from "./lead-pipeline";
import { lockLeadWithPipeline } from "./lock-lead-with-pipeline";

type LeadStatus = (typeof LEAD_STATUSES)[number];

/**
 * Where a lead can go from each status. Work moves forward; `won` is final (it was billed as a
 * job), a `lost` lead can be reopened as `contacted`. Setting the current status again is a no-op.
 */
export const LEAD_STATUS_TRANSITIONS: Record<LeadStatus, readonly LeadStatus[]> = {
  new: ["contacted", "qualified", "won", "lost"],
  contacted: ["qualified", "won", "lost"],
  qualified: ["won", "lost"],
  won: [],
  lost: ["contacted"],
};

export const ZUpdateLead = z
  .object({
    status: z.enum(LEAD_STATUSES).optional().meta({ description: "The new pipeline status (see the allowed moves)" }),
    contact: z
      .object({
        name: ZLeadContact.shape.name.optional(),
        // null clears a field; at least one of phone and email must remain.
        phone: ZLeadContact.shape.phone.unwrap().nullable().optional(),
        email: ZLeadContact.shape.email.unwrap().nullable().optional(),
      })
      .optional()
      .meta({ description: "Contact fields to change; null clears phone or email" }),
  })
  .refine((input) => input.status !== undefined || input.contact !== undefined, {
    path: ["status"],
    message: "send status or contact",
  });
export type TUpdateLead = z.input<typeof ZUpdateLead>;

export type UpdateLeadOptions = TUpdateLead & {
  tenantId: string;
  leadId: string;
  actor: ApiKeyActor | MemberActor;
  now?: Date;
  context?: AuditContext;
};

/** Changes a lead's status (along the allowed moves, 422 otherwise) and contact fields, audited. */
export async function updateLead(options: UpdateLeadOptions, executor: Executor = db): Promise<ApiLead> {
  const input = parseInput(ZUpdateLead, { status: options.status, contact: options.contact });
  const { tenantId, leadId, actor } = options;
  const now = options.now ?? new Date();
  if (!isUuid(leadId)) throw new AppError("not_found", "Lead not found");
  await executor.transaction(async (tx) => {
    const row = await lockLeadWithPipeline(tx, { tenantId, leadId });
    const { lead } = row;

    const status = input.status ?? lead.status;
    if (status !== lead.status && !LEAD_STATUS_TRANSITIONS[lead.status].includes(status)) {
      const allowed = LEAD_STATUS_TRANSITIONS[lead.status];
      const message = allowed.length
        ? `a ${lead.status} lead can move to ${allowed.join(", ")}`
        : `a ${lead.status} lead is final`;
      throw new AppError("unprocessable", `Cannot move this lead from ${lead.status} to ${status}: ${message}`, {
        details: [{ path: "status", message }],
      });
    }
    const contact = mergeContact(lead.contact, input.contact);
    if (!contact.phone && !contact.email) {
      throw new AppError("validation_failed", 'Invalid field "contact": keep a phone number or an email', {
        details: [{ path: "contact", message: "keep a phone number or an email" }],
      });
    }
    await tx
      .update(leads)
      .set({ status, stage: stageForStatus(lead, status, pipelineOf(row.pipelineStages)), contact, updatedAt: now })
      .where(and(eq(leads.id, leadId), eq(leads.tenantId, tenantId)));
    await recordAuditEvent(
      {
        actor,
        action: "lead.updated",
        tenantId,
        target: { type: "lead", id: leadId },
        before: { status: lead.status, contact: lead.contact },
        after: { status, contact },
        context: options.context,
      },
      tx,
    );
  });
  return getApiLeadOrThrow({ tenantId, leadId }, executor);
}

function mergeContact(current: LeadContact, change: z.output<typeof ZUpdateLead>["contact"]): LeadContact {
  if (!change) return current;
  const next: LeadContact = { name: change.name ?? current.name };
  const phone = change.phone === undefined ? current.phone : change.phone;
  const email = change.email === undefined ? current.email : change.email?.toLowerCase();
  if (phone) next.phone = phone;
  if (email) next.email = email;
  return next;
}
