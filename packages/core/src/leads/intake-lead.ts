import { db, type Executor } from "@pp/db";
import { leadDedupeKey } from "@pp/db/factories";
import { LEAD_SOURCES, leadCategories, leads, tenants } from "@pp/db/schema";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { ApiKeyActor, MemberActor } from "../auth/actors";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { resolveLeadPrice } from "../pricing/resolve-lead-price";
import { type ApiLead, getApiLeadOrThrow } from "./api-lead";

/** How long a second lead from the same phone or email counts as a duplicate. */
export const DUPLICATE_WINDOW_HOURS = 24;

const PHONE = /^\+?[0-9 ().-]{7,32}$/;

export const ZLeadContact = z
  .object({
    name: z.string().trim().min(1, "give the homeowner's name").max(200),
    phone: z.string().trim().regex(PHONE, "use digits, spaces, +, (, ), - or . (7–32 characters)").optional(),
    email: z.email("must be an email address").max(254).optional(),
  })
  .meta({ description: "The homeowner. A phone number or an email is required." });

export const ZServiceAddress = z
  .object({
    line1: z.string().trim().max(200).optional(),
    city: z.string().trim().max(100).optional(),
    state: z.string().trim().max(50).optional(),
    zip: z
      .string()
      .trim()
      .regex(/^\d{5}(-\d{4})?$/, "use a 5-digit ZIP (or ZIP+4)"),
  })
  .meta({ description: "Where the job is." });

export const ZIntakeLead = z.object({
  category: z.string().trim().min(1, "choose a category").max(64).meta({
    description: "A lead category code of the tenant's trade, from GET /api/v1/categories (it sets the lead's price)",
    example: "water_heater",
  }),
  source: z.enum(LEAD_SOURCES).default("web").meta({ description: "Where the lead came from" }),
  contact: ZLeadContact.refine((contact) => contact.phone || contact.email, {
    path: ["phone"],
    message: "give a phone number or an email",
  }),
  serviceAddress: ZServiceAddress,
  description: z.string().trim().max(5_000).optional().meta({ description: "What the homeowner asked for" }),
  externalId: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: "Your own id for the lead; a second lead with the same id is a duplicate" }),
});
export type TIntakeLead = z.input<typeof ZIntakeLead>;

export type IntakeLeadOptions = TIntakeLead & {
  tenantId: string;
  actor: ApiKeyActor | MemberActor;
  now?: Date;
  context?: AuditContext;
};

/**
 * Lead intake (web forms, marketplaces, imports): validates, refuses duplicates — the same
 * `externalId`, or the same phone or email within 24 hours, is a 409 naming the existing lead — and
 * prices the lead from the tenant's trade's lead category, in one transaction with the audit event.
 * Intake for one tenant is serialized so two simultaneous submissions cannot both pass the check.
 */
export async function intakeLead(options: IntakeLeadOptions, executor: Executor = db): Promise<ApiLead> {
  const input = parseInput(ZIntakeLead, {
    category: options.category,
    source: options.source,
    contact: options.contact,
    serviceAddress: options.serviceAddress,
    description: options.description,
    externalId: options.externalId,
  });
  const { tenantId, actor } = options;
  const now = options.now ?? new Date();
  const leadId = await executor.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`lead-intake:${tenantId}`}, 0))`);
    const [tenant] = await tx.select({ trade: tenants.trade }).from(tenants).where(eq(tenants.id, tenantId));
    if (!tenant) throw new AppError("not_found", "Tenant not found");
    const [category] = await tx
      .select({ code: leadCategories.code })
      .from(leadCategories)
      .where(and(eq(leadCategories.trade, tenant.trade), eq(leadCategories.code, input.category)));
    if (!category) {
      const codes = await tx
        .select({ code: leadCategories.code })
        .from(leadCategories)
        .where(eq(leadCategories.trade, tenant.trade));
      const known = codes.map((row) => row.code).join(", ");
      throw new AppError("validation_failed", `Invalid field "category": "${input.category}" is not one of ${known}`, {
        details: [{ path: "category", message: `must be one of ${known}` }],
      });
    }
    await refuseDuplicate(tx, { tenantId, input, now });
    const { priceCents } = await resolveLeadPrice(tx, { tenantId, categoryCode: category.code });

    const contact = {
      name: input.contact.name,
      ...(input.contact.phone ? { phone: input.contact.phone } : {}),
      ...(input.contact.email ? { email: input.contact.email.toLowerCase() } : {}),
    };
    const [lead] = await tx
      .insert(leads)
      .values({
        tenantId,
        source: input.source,
        category: category.code,
        contact,
        serviceAddress: input.serviceAddress,
        description: input.description ?? null,
        priceCents,
        externalId: input.externalId ?? null,
        dedupeKey: leadDedupeKey({ contact, zip: input.serviceAddress.zip, category: category.code }),
        receivedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: leads.id });
    if (!lead) throw new Error("lead insert returned no row");
    await recordAuditEvent(
      {
        actor,
        action: "lead.created",
        tenantId,
        target: { type: "lead", id: lead.id },
        after: {
          source: input.source,
          category: category.code,
          priceCents,
          externalId: input.externalId ?? null,
        },
        context: options.context,
      },
      tx,
    );
    return lead.id;
  });
  return getApiLeadOrThrow({ tenantId, leadId }, executor);
}

type DuplicateCheck = { tenantId: string; input: z.output<typeof ZIntakeLead>; now: Date };

/** 409 with the existing lead's id when this lead was already received. */
async function refuseDuplicate(executor: Executor, { tenantId, input, now }: DuplicateCheck): Promise<void> {
  if (input.externalId) {
    const [existing] = await executor
      .select({ id: leads.id })
      .from(leads)
      .where(and(eq(leads.tenantId, tenantId), eq(leads.externalId, input.externalId)))
      .limit(1);
    if (existing) throw duplicate(existing.id, "externalId");
  }
  const phoneDigits = input.contact.phone ? lastTenDigits(input.contact.phone) : null;
  const email = input.contact.email?.toLowerCase() ?? null;
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_HOURS * 3_600_000).toISOString();
  const result = await executor.execute<{ id: string; matched: "phone" | "email" }>(sql`
    select ${leads.id} as id,
           case when ${phoneDigits}::text is not null
                 and right(regexp_replace(${leads.contact}->>'phone', '\\D', '', 'g'), 10) = ${phoneDigits}::text
                then 'phone' else 'email' end as matched
    from ${leads}
    where ${leads.tenantId} = ${tenantId}
      and ${leads.receivedAt} >= ${since}::timestamptz
      and ((${phoneDigits}::text is not null
            and right(regexp_replace(${leads.contact}->>'phone', '\\D', '', 'g'), 10) = ${phoneDigits}::text)
        or (${email}::text is not null and lower(${leads.contact}->>'email') = ${email}::text))
    order by ${leads.receivedAt} desc
    limit 1`);
  const existing = result.rows[0];
  if (existing) throw duplicate(existing.id, existing.matched === "phone" ? "contact.phone" : "contact.email");
}

/** Phone numbers compare by their last ten digits: "+1 (512) 555-0101" = "512.555.0101". */
function lastTenDigits(phone: string): string {
  return phone.replace(/\D/g, "").slice(-10);
}

function duplicate(existingLeadId: string, field: string): AppError {
  return new AppError("conflict", `Duplicate lead: a lead with the same ${field} already exists (${existingLeadId})`, {
    details: { existingLeadId, field },
  });
}
