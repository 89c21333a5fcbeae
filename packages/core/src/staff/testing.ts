// Helpers for the staff integration tests (not used by product code).

import { db } from "@pp/db";
import { createStaffUser, type StaffRole } from "@pp/db/factories";
import { auditEvents, emailOutbox } from "@pp/db/schema";
import { and, desc, eq } from "drizzle-orm";
import type { StaffActor } from "../auth/actors";
import { renderOutboxText } from "../email/outbox-link";
import { AppError } from "../errors";

export type Staff = Awaited<ReturnType<typeof createStaffUser>>;

export function staffActorOf(staff: Staff): StaffActor {
  return {
    kind: "staff",
    userId: staff.user.id,
    email: staff.user.email,
    name: staff.user.name,
    role: staff.staff.role,
    sessionId: "test-session",
  };
}

/** A staff user with `role` and the actor a signed-in session of theirs would produce. */
export async function signedInStaff(role: StaffRole, input: { name?: string; email?: string; password?: string } = {}) {
  const staff = await createStaffUser(db, { role, ...input });
  return { ...staff, actor: staffActorOf(staff) };
}

export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

export async function auditOf(staffMemberId: string, action: string) {
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.targetType, "staff_member"),
        eq(auditEvents.targetId, staffMemberId),
        eq(auditEvents.action, action),
      ),
    )
    .orderBy(auditEvents.at);
}

/** The token in the newest invitation email sent to `email`, read from the link as the invitee would. */
export async function invitationTokenFor(email: string): Promise<string> {
  const [message] = await db
    .select({ text: emailOutbox.text, secretCiphertext: emailOutbox.secretCiphertext })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.to, email), eq(emailOutbox.kind, "staff_invitation")))
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(1);
  const link = message && renderOutboxText(message).match(/https?:\/\/\S+\/accept-invitation\?token=(\S+)/);
  if (!link?.[1]) throw new Error(`no invitation email with a link for ${email}`);
  return decodeURIComponent(link[1]);
}
