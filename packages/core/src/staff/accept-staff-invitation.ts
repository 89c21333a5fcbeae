import { db, type Executor } from "@pp/db";
import { sessions, staffMembers, users, verifications } from "@pp/db/schema";
import { hashPassword } from "better-auth/crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import { MIN_PASSWORD_LENGTH, setCredentialPassword } from "../auth/set-credential-password";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { findInvitation } from "./get-staff-invitation";
import { invitationIdentifier, type StaffRole } from "./staff-rules";

export { MIN_PASSWORD_LENGTH };

export const ZAcceptStaffInvitation = z.object({
  token: z.string().min(1, "is missing — open the link from your invitation email").max(200),
  name: z.string().trim().min(1, "is required").max(120, "must be at most 120 characters"),
  // Better Auth's own limits for email-and-password accounts (10 here, 128 its maximum).
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(128, "must be at most 128 characters"),
});
export type TAcceptStaffInvitation = z.input<typeof ZAcceptStaffInvitation>;

export type AcceptStaffInvitationOptions = TAcceptStaffInvitation & { now?: Date; context?: AuditContext };

const invalidLink = () =>
  new AppError(
    "not_found",
    "This invitation link is not valid — it was already used or replaced by a newer one. Ask an admin to invite you again.",
  );

/**
 * The invitee's side: the emailed token (checked against its stored hash, unexpired) lets them set
 * their name and password, and their staff membership becomes active. The link works once.
 */
export async function acceptStaffInvitation(
  options: AcceptStaffInvitationOptions,
  executor: Executor = db,
): Promise<{ email: string; role: StaffRole }> {
  const input = parseInput(ZAcceptStaffInvitation, {
    token: options.token,
    name: options.name,
    password: options.password,
  });
  const now = options.now ?? new Date();
  // scrypt is slow on purpose: an unknown token is refused before it runs (this route is public), and
  // it runs before the transaction so row locks stay short. The transaction checks the token again.
  if ((await findInvitation(executor, input.token)).length === 0) throw invalidLink();
  const passwordHash = await hashPassword(input.password);

  return executor.transaction(async (tx) => {
    const [invitation] = await findInvitation(tx, input.token, { lock: true });
    if (!invitation) throw invalidLink();
    if (invitation.expiresAt <= now) {
      throw new AppError(
        "unprocessable",
        `This invitation expired on ${invitation.expiresAt.toUTCString()} — ask an admin to send a new one`,
      );
    }
    const [member] = await tx
      .select({
        id: staffMembers.id,
        userId: staffMembers.userId,
        role: staffMembers.role,
        status: staffMembers.status,
      })
      .from(staffMembers)
      .where(eq(staffMembers.id, invitation.staffMemberId))
      .for("update");
    if (member?.status !== "invited") throw invalidLink();

    const [user] = await tx
      .update(users)
      .set({ name: input.name, emailVerified: true, updatedAt: now })
      .where(eq(users.id, member.userId))
      .returning({ email: users.email });
    if (!user) throw invalidLink();
    const replacedPassword = await setCredentialPassword(tx, member.userId, passwordHash, now);
    // Like a password reset: whoever held the old password is signed out everywhere.
    if (replacedPassword) await tx.delete(sessions).where(eq(sessions.userId, member.userId));

    await tx.update(staffMembers).set({ status: "active", updatedAt: now }).where(eq(staffMembers.id, member.id));
    await tx.delete(verifications).where(eq(verifications.identifier, invitationIdentifier(member.id)));
    await recordAuditEvent(
      {
        // Nobody is signed in yet: the emailed link is the credential.
        actor: { kind: "system", label: "staff invitation link" },
        action: "staff.invitation_accepted",
        target: { type: "staff_member", id: member.id },
        before: { userId: member.userId, email: user.email, role: member.role, status: "invited" },
        after: { userId: member.userId, email: user.email, role: member.role, status: "active" },
        metadata: { sessionsRevoked: replacedPassword },
        context: options.context,
      },
      tx,
    );
    return { email: user.email, role: member.role };
  });
}
