import { ZRevenueMovementsQuery } from "@pp/core/revenue/list-revenue-movements";
import { z } from "zod";

export const ZRevenueMovementsRouteQuery = ZRevenueMovementsQuery.extend({
  format: z.enum(["json", "csv"]).default("json"),
});
export type TRevenueMovementsRouteQuery = z.input<typeof ZRevenueMovementsRouteQuery>;
