import { ZActionCenterQuery } from "@pp/core/action-center/get-action-center";

/** `GET /api/provider/action-center` and the /provider/action-center page: filters, bucket and cursor from the URL. */
export const ZActionCenterParams = ZActionCenterQuery;
