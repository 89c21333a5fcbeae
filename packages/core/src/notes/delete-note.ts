import { db, type Executor } from "@pp/db";
import { activities, notes } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { getNoteOrThrow } from "./update-note";

/** Delete a note (its author only). Its text stays in the audit trail; its timeline entry goes. */
export async function deleteNote(
  options: { tenantId: string; noteId: string; actor: StaffActor; context?: AuditContext },
  executor: Executor = db,
): Promise<void> {
  const { tenantId, noteId, actor, context } = options;
  await executor.transaction(async (tx) => {
    const note = await getNoteOrThrow({ tenantId, noteId }, tx);
    if (note.authorId !== actor.userId) throw new AppError("forbidden", "Only the note's author can delete it");
    await tx
      .delete(activities)
      .where(
        and(
          eq(activities.relatedType, "note"),
          eq(activities.relatedId, note.id),
          eq(activities.tenantId, note.tenantId),
        ),
      );
    await tx.delete(notes).where(eq(notes.id, note.id));
    await recordAuditEvent(
      {
        actor,
        action: "note.deleted",
        tenantId: note.tenantId,
        target: { type: "note", id: note.id },
        before: { body: note.body },
        context,
      },
      tx,
    );
  });
}
