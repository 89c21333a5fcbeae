import { db, type Executor } from "@pp/db";
import { tenantInvitations, verifications } from "@pp/db/schema";
import { and, eq, isNull } from "drizzle-orm";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { MemberActor } from "../auth/actors";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";
import { teamInvitationIdentifier } from "./team-rules";

/** Withdraws an invitation not yet accepted; the emailed link then no longer admits anyone. */
export async function revokeInvitation(
  options: { tenantId: string; actor: MemberActor; invitationId: string; context?: AuditContext },
  executor: Executor = db,
): Promise<void> {
  const { tenantId, actor, invitationId } = options;
  const notFound = new AppError("not_found", "Invitation not found — it may have been accepted or revoked already");
  if (!isUuid(invitationId)) throw notFound;
  await executor.transaction(async (tx) => {
    const [invitation] = await tx
      .delete(tenantInvitations)
      .where(
        and(
          eq(tenantInvitations.id, invitationId),
          eq(tenantInvitations.tenantId, tenantId),
          isNull(tenantInvitations.acceptedAt),
        ),
      )
      .returning();
    if (!invitation) throw notFound;
    await tx.delete(verifications).where(eq(verifications.identifier, teamInvitationIdentifier(invitation.id)));
    await recordAuditEvent(
      {
        actor,
        context: options.context,
        action: "team.invitation_revoked",
        tenantId,
        target: { type: "tenant_invitation", id: invitation.id },
        before: { email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt },
      },
      tx,
    );
  });
}
