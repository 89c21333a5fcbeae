import { ZPageQuery } from "@pp/core/pagination";
import { TIMELINE_KINDS } from "@pp/core/success/timeline-sources";
import { z } from "zod";

export const ZTenantParams = z.object({ id: z.string().min(1).max(100) });

/** `?kinds=task,note` (comma-separated; all when absent). */
export const ZTimelineQuery = ZPageQuery.extend({
  kinds: z
    .string()
    .max(200)
    .optional()
    .transform((value) => (value ? value.split(",").filter(Boolean) : undefined))
    .pipe(z.array(z.enum(TIMELINE_KINDS, `must be a comma-separated list of ${TIMELINE_KINDS.join(", ")}`)).optional()),
});
export type TTimelineQuery = z.output<typeof ZTimelineQuery>;
