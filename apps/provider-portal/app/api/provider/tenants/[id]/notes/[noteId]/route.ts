import { deleteNote } from "@pp/core/notes/delete-note";
import { updateNote } from "@pp/core/notes/update-note";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, noContent, withInput, withProviderAuth } from "@/lib/kit";
import { ZNoteParams, ZUpdateNoteBody } from "../schema";

const route = "/api/provider/tenants/[id]/notes/[noteId]";

// PATCH /api/provider/tenants/[id]/notes/[noteId] – edit the text (author only) or pin / unpin; audited.
export const PATCH = compose(
  { route },
  withProviderAuth("success:write"),
  withInput({ params: ZNoteParams, body: ZUpdateNoteBody }),
)(async (ctx) =>
  json(
    await updateNote({
      ...ctx.body,
      tenantId: ctx.params.id,
      noteId: ctx.params.noteId,
      actor: ctx.actor,
      context: auditContextOf(ctx),
    }),
  ),
);

// DELETE /api/provider/tenants/[id]/notes/[noteId] – delete a note (author only); its text stays in the audit log.
export const DELETE = compose(
  { route },
  withProviderAuth("success:write"),
  withInput({ params: ZNoteParams }),
)(async (ctx) => {
  await deleteNote({
    tenantId: ctx.params.id,
    noteId: ctx.params.noteId,
    actor: ctx.actor,
    context: auditContextOf(ctx),
  });
  return noContent();
});

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, POST, PUT, OPTIONS } = methodNotAllowed({ PATCH, DELETE });
