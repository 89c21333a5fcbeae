import { z } from "zod";

export { ZNpsAnswer as ZNpsAnswerBody } from "@pp/core/nps/record-nps-response";

export const ZNpsParams = z.object({ slug: z.string() });
