import { ZAcquisitionSpend, ZAcquisitionSpendImport } from "@pp/core/revenue/set-acquisition-spend";
import { z } from "zod";

/** One entry, or `{ csv }` with rows of month,channel,amount_cents. */
export const ZAcquisitionSpendBody = z.union([ZAcquisitionSpendImport, ZAcquisitionSpend]);
