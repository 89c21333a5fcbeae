import { z } from "zod";

export { ZOpenSupportRequest as ZOpenSupportRequestBody } from "@pp/core/incidents/open-support-request";
export { ZReplyToSupportRequest as ZReplyToSupportRequestBody } from "@pp/core/incidents/reply-to-support-request";

export const ZSupportRequestsParams = z.object({ slug: z.string().min(1).max(100) });
/** Any string: a malformed id is a 404 like an unknown one (the domain function decides). */
export const ZSupportRequestParams = ZSupportRequestsParams.extend({ requestId: z.string().min(1).max(100) });
