import { db, type Executor } from "@pp/db";
import { notes } from "@pp/db/schema";
import { z } from "zod";
import type { AuditContext } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { parseInput } from "../parse-input";
import { getTenantOrThrow } from "../success/get-tenant-or-throw";
import { recordClientActivity } from "../success/record-client-activity";
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
    await recordClientActivity(
      {
        actor,
        tenantId: tenant.id,
        at: now,
        related: { type: "note", id: row.id },
        activity: { kind: "note", title: `Note added: ${noteHeadline(note.body)}` },
        audit: { action: "note.created", after: { body: row.body }, context },
        feature: { app: "portal", key: "AddNote" },
      },
      tx,
    );
    return row;
  });
}
