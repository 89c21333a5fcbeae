import { db, type Executor } from "@pp/db";
import { activities, notes } from "@pp/db/schema";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { parseInput } from "../parse-input";
import { getTenantOrThrow } from "../success/get-tenant-or-throw";
import { recordFeatureUse } from "../usage/record-feature-use";
import { noteHeadline, ZNoteBody } from "./note-rules";

export const ZCreateNote = z.object({ body: ZNoteBody, pinned: z.boolean().optional() });
export type TCreateNote = z.input<typeof ZCreateNote>;

/** A plain-text note on a client, on its timeline as "Note added: <first line>". */
export async function createNote(
  options: TCreateNote & { tenantId: string; actor: StaffActor; now?: Date; context?: AuditContext },
  executor: Executor = db,
): Promise<typeof notes.$inferSelect> {
  const { tenantId, actor, now = new Date(), context, ...input } = options;
  const note = parseInput(ZCreateNote, input);
  return executor.transaction(async (tx) => {
    const tenant = await getTenantOrThrow({ tenantId }, tx);
    const [row] = await tx
      .insert(notes)
      .values({
        tenantId: tenant.id,
        authorId: actor.userId,
        body: note.body,
        pinnedAt: note.pinned ? now : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error("note insert returned no row");
    await tx.insert(activities).values({
      tenantId: tenant.id,
      kind: "note",
      title: `Note added: ${noteHeadline(note.body)}`,
      actorId: actor.userId,
      relatedType: "note",
      relatedId: row.id,
      at: now,
    });
    await recordAuditEvent(
      {
        actor,
        action: "note.created",
        tenantId: tenant.id,
        target: { type: "note", id: row.id },
        after: { body: row.body },
        context,
      },
      tx,
    );
    await recordFeatureUse(
      { tenantId: tenant.id, userId: actor.userId, app: "portal", featureKey: "AddNote", at: now },
      tx,
    );
    return row;
  });
}
