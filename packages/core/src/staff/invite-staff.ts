import { db, type Executor, isUniqueViolation } from "@pp/db";
import { staffMembers, users } from "@pp/db/schema";
import { env } from "@pp/env";
import { eq, sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { createInvitationToken, invitationExpiry, replaceInvitationLink } from "../auth/invitation-token";
import { deliverOutboxSoon } from "../email/deliver-outbox-soon";
import { enqueueEmail } from "../email/enqueue-email";
import { OUTBOX_LINK } from "../email/outbox-link";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { staffRoleWithArticle } from "./staff-role-names";
import { displayName, invitationIdentifier, type StaffRole, ZStaffRole } from "./staff-rules";

export const ZInviteStaff = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("must be an email address like name@company.com").max(254)),
  name: z.string().trim().min(1, "is required").max(120, "must be at most 120 characters"),
  role: ZStaffRole,
});
export type TInviteStaff = z.input<typeof ZInviteStaff>;

export type InviteStaffOptions = TInviteStaff & { actor: StaffActor; now?: Date; context?: AuditContext };

export type StaffInvitation = {
  staffMemberId: string;
  email: string;
  role: StaffRole;
  expiresAt: Date;
  /** True when an earlier invitation (or a deactivated membership) was renewed rather than created. */
  refreshed: boolean;
};

/**
 * Invites someone to the Provider Portal: creates the user when the email is new, a staff row in
 * `invited`, a 7-day link (only its hash is stored) and the email carrying it. Inviting someone
 * still invited or deactivated renews their invitation; someone already active is a 409.
 */
export async function inviteStaff(options: InviteStaffOptions, executor: Executor = db): Promise<StaffInvitation> {
  const { actor, context } = options;
  const { email, name, role } = parseInput(ZInviteStaff, {
    email: options.email,
    name: options.name,
    role: options.role,
  });
  const now = options.now ?? new Date();
  const expiresAt = invitationExpiry(now);
  const token = createInvitationToken();

  let invitation: StaffInvitation;
  try {
    invitation = await executor.transaction(async (tx) => {
      const [existingUser] = await tx
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(eq(sql`lower(${users.email})`, email))
        .limit(1);
      const [existing] = existingUser
        ? await tx.select().from(staffMembers).where(eq(staffMembers.userId, existingUser.id)).for("update")
        : [];
      if (existing?.status === "active") {
        throw new AppError(
          "conflict",
          `${email} is already an active staff member — change their role in the list instead`,
          {
            details: [{ path: "email", message: "already an active staff member" }],
          },
        );
      }

      const userId = existingUser?.id ?? (await createInvitedUser(tx, { email, name }));
      const values = { role, status: "invited" as const, invitedBy: actor.userId, deactivatedAt: null };
      const [member] = existing
        ? await tx.update(staffMembers).set(values).where(eq(staffMembers.id, existing.id)).returning()
        : await tx
            .insert(staffMembers)
            .values({ ...values, userId })
            .returning();
      if (!member) throw new Error("staff_members write returned no row");

      await replaceInvitationLink(tx, { identifier: invitationIdentifier(member.id), token, expiresAt, now });

      const inviter = actor.name.trim() || actor.email;
      const acceptUrl = `${env().portalUrl}/accept-invitation?token=${encodeURIComponent(token)}`;
      await enqueueEmail(
        {
          to: email,
          subject: `${inviter} invited you to the Provider Portal`,
          text: [
            `Hello ${existingUser ? displayName({ name: existingUser.name, email }) : name},`,
            "",
            `${inviter} invited you to the Provider Portal as ${staffRoleWithArticle(role)}.`,
            "",
            `Open this link to choose your password and activate your account: ${OUTBOX_LINK}`,
            "",
            `The link works once and expires on ${expiresAt.toUTCString()}. If you were not expecting it, ignore this email.`,
          ].join("\n"),
          kind: "staff_invitation",
          secretLink: acceptUrl,
          expiresAt,
          related: { type: "staff_member", id: member.id },
        },
        tx,
      );
      await recordAuditEvent(
        {
          actor,
          action: "staff.invited",
          target: { type: "staff_member", id: member.id },
          before: existing ? { role: existing.role, status: existing.status } : undefined,
          after: { userId, email, role, status: "invited", expiresAt },
          metadata: { refreshed: Boolean(existing), newUser: !existingUser },
          context,
        },
        tx,
      );
      return { staffMemberId: member.id, email, role, expiresAt, refreshed: Boolean(existing) };
    });
  } catch (error) {
    // Two invitations of the same new email racing each other: the unique indexes let one through.
    if (isUniqueViolation(error, "users_email_key") || isUniqueViolation(error, "staff_members_user_key")) {
      throw new AppError("conflict", `An invitation for ${email} was just sent — reload to see it`);
    }
    throw error;
  }
  deliverOutboxSoon();
  return invitation;
}

/** A user with no password yet: accepting the invitation sets one (and proves the email). */
async function createInvitedUser(tx: Executor, input: { email: string; name: string }): Promise<string> {
  const [user] = await tx
    .insert(users)
    .values({ id: uuidv7(), email: input.email, name: input.name, emailVerified: false })
    .returning({ id: users.id });
  if (!user) throw new Error("users insert returned no row");
  return user.id;
}
