import { db, type Executor, isUniqueViolation } from "@pp/db";
import { TENANT_ROLES, tenantInvitations, tenants } from "@pp/db/schema";
import { env } from "@pp/env";
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { MemberActor, StaffActor } from "../auth/actors";
import { createInvitationToken, invitationExpiry, replaceInvitationLink } from "../auth/invitation-token";
import { deliverOutboxSoon } from "../email/deliver-outbox-soon";
import { enqueueEmail } from "../email/enqueue-email";
import { OUTBOX_LINK } from "../email/outbox-link";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { isMemberEmail, teamInvitationIdentifier } from "./team-rules";

export const ZInviteMember = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("must be an email address like name@company.com").max(254)),
  role: z.enum(TENANT_ROLES, "must be owner, dispatcher or technician"),
});
export type TInviteMember = z.input<typeof ZInviteMember>;

/** Owners invite from Team; staff invite through onboarding's "Roles & Permissions" step. */
export type InviteMemberOptions = TInviteMember & {
  tenantId: string;
  actor: MemberActor | StaffActor;
  now?: Date;
  context?: AuditContext;
};

export type Invitation = {
  id: string;
  email: string;
  role: (typeof TENANT_ROLES)[number];
  expiresAt: Date;
  refreshed: boolean;
};

/**
 * Invites someone into the tenant's team and queues the email carrying a one-time 7-day link (only its
 * hash is stored). Inviting an email that already has an open invitation refreshes it (new role, new
 * expiry, new link — the old one stops working) instead of adding another.
 */
export async function inviteMember(options: InviteMemberOptions, executor: Executor = db): Promise<Invitation> {
  const { tenantId, actor } = options;
  const { email, role } = parseInput(ZInviteMember, { email: options.email, role: options.role });
  const now = options.now ?? new Date();
  const expiresAt = invitationExpiry(now);
  const token = createInvitationToken();

  let result: Invitation;
  try {
    result = await executor.transaction(async (tx) => {
      const [tenant] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
      if (!tenant) throw new AppError("not_found", "Tenant not found");
      if (await isMemberEmail(tx, tenantId, email)) {
        throw new AppError("conflict", `${email} is already a member of this team`, {
          details: [{ path: "email", message: "already a member" }],
        });
      }

      const openInvitation = and(
        eq(tenantInvitations.tenantId, tenantId),
        eq(sql`lower(${tenantInvitations.email})`, email),
        isNull(tenantInvitations.acceptedAt),
      );
      const [existing] = await tx.select().from(tenantInvitations).where(openInvitation).for("update");
      const values = { email, role, invitedBy: actor.userId, expiresAt, createdAt: now };
      const [invitation] = existing
        ? await tx.update(tenantInvitations).set(values).where(eq(tenantInvitations.id, existing.id)).returning()
        : await tx
            .insert(tenantInvitations)
            .values({ ...values, tenantId })
            .returning();
      if (!invitation) throw new Error("tenant_invitations write returned no row");

      await replaceInvitationLink(tx, { identifier: teamInvitationIdentifier(invitation.id), token, expiresAt, now });

      const acceptUrl = `${env().tenantAppUrl}/accept-invitation?token=${encodeURIComponent(token)}`;
      await enqueueEmail(
        {
          to: email,
          subject: `${actor.name || actor.email} invited you to ${tenant.name}`,
          text: [
            `${actor.name || actor.email} invited you to join ${tenant.name} as ${article(role)} ${role}.`,
            "",
            `Open this link to accept — new to TradeDesk? You choose your password there: ${OUTBOX_LINK}`,
            "",
            `The link works once and expires on ${expiresAt.toUTCString()}. If you were not expecting it, ignore this email.`,
          ].join("\n"),
          kind: "team_invitation",
          secretLink: acceptUrl,
          expiresAt,
          tenantId,
          related: { type: "tenant_invitation", id: invitation.id },
        },
        tx,
      );
      await recordAuditEvent(
        {
          actor,
          context: options.context,
          action: "team.member_invited",
          tenantId,
          target: { type: "tenant_invitation", id: invitation.id },
          before: existing ? { email: existing.email, role: existing.role, expiresAt: existing.expiresAt } : undefined,
          after: { email, role, expiresAt },
          metadata: { refreshed: Boolean(existing) },
        },
        tx,
      );
      return { id: invitation.id, email, role, expiresAt, refreshed: Boolean(existing) };
    });
  } catch (error) {
    // Two invitations for the same email racing each other: the unique index lets one through.
    if (isUniqueViolation(error, "tenant_invitations_open_key")) {
      throw new AppError("conflict", `An invitation for ${email} was just sent — reload to see it`);
    }
    throw error;
  }
  deliverOutboxSoon();
  return result;
}

function article(role: string): string {
  return /^[aeiou]/.test(role) ? "an" : "a";
}
