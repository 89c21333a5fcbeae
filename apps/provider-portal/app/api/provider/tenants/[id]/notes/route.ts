import { createNote } from "@pp/core/notes/create-note";
import { listNotes } from "@pp/core/notes/list-notes";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, created, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZCreateNoteBody, ZNotesQuery, ZTenantParams } from "./schema";

const route = "/api/provider/tenants/[id]/notes";

// GET /api/provider/tenants/[id]/notes – the client's notes, pinned first, then newest first.
export const GET = compose(
  { route },
  withProviderAuth("success:read"),
  withInput({ params: ZTenantParams, query: ZNotesQuery }),
)(async (ctx) => json(await listNotes({ ...ctx.query, tenantId: ctx.params.id })));

// POST /api/provider/tenants/[id]/notes – add a plain-text note (optionally pinned); it goes on the timeline.
export const POST = compose(
  { route },
  withProviderAuth("success:write"),
  withIdempotency(),
  withInput({ params: ZTenantParams, body: ZCreateNoteBody }),
)(async (ctx) =>
  created(await createNote({ ...ctx.body, tenantId: ctx.params.id, actor: ctx.actor, context: auditContextOf(ctx) })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET, POST });
