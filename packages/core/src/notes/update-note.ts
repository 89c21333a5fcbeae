import { db, type Executor } from "@pp/db";
import { activities, notes } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { isUuid, parseInput } from "../parse-input";
import { noteHeadline, ZNoteBody } from "./note-rules";

export const ZUpdateNote = z
  .object({ body: ZNoteBody.optional(), pinned: z.boolean("must be true or false").optional() })
  .refine((note) => note.body !== undefined || note.pinned !== undefined, {
    path: ["body"],
    message: "Give body or pinned",
  });
export type TUpdateNote = z.input<typeof ZUpdateNote>;

/** Load a client's note for a change; another client's note id is `not_found`. */
export async function getNoteOrThrow({ tenantId, noteId }: { tenantId: string; noteId: string }, executor: Executor) {
  if (!isUuid(noteId) || !isUuid(tenantId)) throw new AppError("not_found", "Note not found");
  const [note] = await executor
    .select()
    .from(notes)
    .where(and(eq(notes.id, noteId), eq(notes.tenantId, tenantId)))
    .for("update");
  if (!note) throw new AppError("not_found", "Note not found");
  return note;
}

/** Edit a note's text (its author only) or pin / unpin it (anyone who may write success records). */
export async function updateNote(
  options: TUpdateNote & { tenantId: string; noteId: string; actor: StaffActor; now?: Date; context?: AuditContext },
  executor: Executor = db,
): Promise<typeof notes.$inferSelect> {
  const { tenantId, noteId, actor, now = new Date(), context, ...input } = options;
  const change = parseInput(ZUpdateNote, input);
  return executor.transaction(async (tx) => {
    const before = await getNoteOrThrow({ tenantId, noteId }, tx);
    if (change.body !== undefined && change.body !== before.body && before.authorId !== actor.userId) {
      throw new AppError("forbidden", "Only the note's author can edit it");
    }
    const pinnedAt = change.pinned === undefined ? before.pinnedAt : change.pinned ? (before.pinnedAt ?? now) : null;
    const [after] = await tx
      .update(notes)
      .set({ body: change.body ?? before.body, pinnedAt, updatedAt: now })
      .where(eq(notes.id, before.id))
      .returning();
    if (!after) throw new Error("note update returned no row");
    if (change.body !== undefined && change.body !== before.body) {
      // The timeline entry follows the note's current first line.
      await tx
        .update(activities)
        .set({ title: `Note added: ${noteHeadline(after.body)}` })
        .where(
          and(
            eq(activities.relatedType, "note"),
            eq(activities.relatedId, after.id),
            eq(activities.tenantId, after.tenantId),
          ),
        );
    }
    const action =
      change.body !== undefined && change.body !== before.body
        ? "note.edited"
        : after.pinnedAt
          ? "note.pinned"
          : "note.unpinned";
    await recordAuditEvent(
      {
        actor,
        action,
        tenantId: after.tenantId,
        target: { type: "note", id: after.id },
        before: { body: before.body, pinnedAt: before.pinnedAt },
        after: { body: after.body, pinnedAt: after.pinnedAt },
        context,
      },
      tx,
    );
    return after;
  });
}
