import { z } from "zod";

export { ZUpdateTask as ZUpdateTaskBody } from "@pp/core/tasks/update-task";

/** Any string: a malformed id is a 404 like an unknown one. */
export const ZTaskParams = z.object({ id: z.string().min(1).max(100) });
