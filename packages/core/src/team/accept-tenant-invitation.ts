import { db, type Executor, isUniqueViolation } from "@pp/db";
import { memberships, type TENANT_ROLES, tenantInvitations, tenants, users, verifications } from "@pp/db/schema";
import { hashPassword } from "better-auth/crypto";
import { and, eq, isNull } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, setCredentialPassword } from "../auth/set-credential-password";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { findInvitee, findTenantInvitationLink } from "./get-tenant-invitation";
import { teamInvitationIdentifier } from "./team-rules";

export { MIN_PASSWORD_LENGTH };

export const ZAcceptTenantInvitation = z.object({
  token: z.string().min(1, "is missing — open the link from your invitation email").max(200),
  // Asked only of someone without a password yet; a user who signs in already keeps theirs.
  name: z.string().trim().max(120, "must be at most 120 characters").optional(),
  password: z.string().max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`).optional(),
});
export type TAcceptTenantInvitation = z.input<typeof ZAcceptTenantInvitation>;

const ZNewAccount = z.object({
  name: z.string().trim().min(1, "is required").max(120, "must be at most 120 characters"),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`),
});

export type AcceptTenantInvitationOptions = TAcceptTenantInvitation & { now?: Date; context?: AuditContext };

export type AcceptedTenantInvitation = {
  email: string;
  role: (typeof TENANT_ROLES)[number];
  tenantSlug: string;
  membershipId: string;
  /** True when accepting created the user (they chose their password); false for an existing account. */
  newUser: boolean;
};

const invalidLink = () =>
  new AppError(
    "not_found",
    "This invitation link is not valid — it was already used, revoked or replaced by a newer one. Ask the workspace owner to invite you again.",
  );

/**
 * The invitee's side: the emailed token (checked against its stored hash, unexpired) adds them to the
 * team with the invited role. Someone new chooses a name and password here; someone who already has a
 * password keeps it. The link works once.
 */
export async function acceptTenantInvitation(
  options: AcceptTenantInvitationOptions,
  executor: Executor = db,
): Promise<AcceptedTenantInvitation> {
  const input = parseInput(ZAcceptTenantInvitation, {
    token: options.token,
    name: options.name,
    password: options.password,
  });
  const now = options.now ?? new Date();
  // scrypt is slow on purpose: an unknown token is refused before it runs (this route is public), and
  // it runs before the transaction so row locks stay short. The transaction checks everything again.
  const [link] = await findTenantInvitationLink(executor, input.token);
  if (!link) throw invalidLink();
  const [pending] = await executor
    .select({ email: tenantInvitations.email })
    .from(tenantInvitations)
    .where(eq(tenantInvitations.id, link.invitationId));
  if (!pending) throw invalidLink();
  const newAccount = (await findInvitee(executor, pending.email))?.hasPassword
    ? null
    : parseInput(ZNewAccount, { name: input.name, password: input.password });
  const passwordHash = newAccount ? await hashPassword(newAccount.password) : null;

  try {
    return await executor.transaction(async (tx) => {
      const [locked] = await findTenantInvitationLink(tx, input.token, { lock: true });
      if (!locked) throw invalidLink();
      const [invitation] = await tx
        .select({
          id: tenantInvitations.id,
          tenantId: tenantInvitations.tenantId,
          email: tenantInvitations.email,
          role: tenantInvitations.role,
          tenantSlug: tenants.slug,
          tenantName: tenants.name,
        })
        .from(tenantInvitations)
        .innerJoin(tenants, eq(tenants.id, tenantInvitations.tenantId))
        .where(and(eq(tenantInvitations.id, locked.invitationId), isNull(tenantInvitations.acceptedAt)))
        .for("update", { of: tenantInvitations });
      if (!invitation) throw invalidLink();
      if (locked.expiresAt <= now) {
        throw new AppError(
          "unprocessable",
          `This invitation expired on ${locked.expiresAt.toUTCString()} — ask the workspace owner to send a new one`,
        );
      }

      const invitee = await findInvitee(tx, invitation.email);
      let userId = invitee?.id;
      if (!invitee?.hasPassword) {
        // The account gained a password between the checks above and this transaction: nothing to hash with.
        if (!newAccount || !passwordHash) throw invalidLink();
        if (!userId) {
          const [created] = await tx
            .insert(users)
            .values({ id: uuidv7(), email: invitation.email, name: newAccount.name, emailVerified: true })
            .returning({ id: users.id });
          if (!created) throw new Error("users insert returned no row");
          userId = created.id;
        } else {
          await tx
            .update(users)
            .set({ name: newAccount.name, emailVerified: true, updatedAt: now })
            .where(eq(users.id, userId));
        }
        await setCredentialPassword(tx, userId, passwordHash, now);
      } else {
        // Receiving the emailed link proves the address, as Better Auth's own verification would.
        await tx.update(users).set({ emailVerified: true, updatedAt: now }).where(eq(users.id, invitee.id));
      }
      if (!userId) throw new Error("invitee has no user id");

      const [already] = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.tenantId, invitation.tenantId), eq(memberships.userId, userId)));
      if (already) throw alreadyMember(invitation.tenantName);
      const [membership] = await tx
        .insert(memberships)
        .values({ tenantId: invitation.tenantId, userId, role: invitation.role })
        .returning({ id: memberships.id });
      if (!membership) throw new Error("memberships insert returned no row");

      await tx.update(tenantInvitations).set({ acceptedAt: now }).where(eq(tenantInvitations.id, invitation.id));
      await tx.delete(verifications).where(eq(verifications.identifier, teamInvitationIdentifier(invitation.id)));
      await recordAuditEvent(
        {
          // Nobody is signed in: the emailed link is the credential.
          actor: { kind: "system", label: "team invitation link" },
          action: "team.invitation_accepted",
          tenantId: invitation.tenantId,
          target: { type: "tenant_invitation", id: invitation.id },
          before: { email: invitation.email, role: invitation.role, acceptedAt: null },
          after: {
            email: invitation.email,
            role: invitation.role,
            acceptedAt: now,
            userId,
            membershipId: membership.id,
          },
          metadata: { newUser: !invitee },
          context: options.context,
        },
        tx,
      );
      return {
        email: invitation.email,
        role: invitation.role,
        tenantSlug: invitation.tenantSlug,
        membershipId: membership.id,
        newUser: !invitee,
      };
    });
  } catch (error) {
    // The same link opened twice at the same moment: the row lock lets one through; the unique indexes catch the rest.
    if (isUniqueViolation(error, "memberships_tenant_user_key") || isUniqueViolation(error, "users_email_key")) {
      throw new AppError("conflict", "This invitation was just accepted — sign in to continue");
    }
    throw error;
  }
}

function alreadyMember(tenantName: string): AppError {
  return new AppError("conflict", `You are already a member of ${tenantName} — sign in to open the workspace`);
}
