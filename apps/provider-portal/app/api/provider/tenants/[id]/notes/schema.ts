import { ZPageQuery } from "@pp/core/pagination";
import { z } from "zod";

export { ZCreateNote as ZCreateNoteBody } from "@pp/core/notes/create-note";
export { ZUpdateNote as ZUpdateNoteBody } from "@pp/core/notes/update-note";

/** Any string: a malformed id is a 404 like an unknown one. */
export const ZTenantParams = z.object({ id: z.string().min(1).max(100) });
export const ZNoteParams = ZTenantParams.extend({ noteId: z.string().min(1).max(100) });
export const ZNotesQuery = ZPageQuery;
