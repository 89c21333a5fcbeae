import { ZRevenueQuery } from "@pp/core/revenue/revenue-query";
import { z } from "zod";

export const ZRevenueRouteQuery = ZRevenueQuery.extend({ format: z.enum(["json", "csv"]).default("json") });
export type TRevenueRouteQuery = z.input<typeof ZRevenueRouteQuery>;
