import { z } from "zod";

export const ZIntakeCategory = z.object({
  code: z.string().meta({ description: "What `category` takes in POST /api/v1/leads", example: "water_heater" }),
  name: z.string().meta({ example: "Water heater" }),
  priceCents: z.int().meta({ description: "What a lead of this category is charged now, in cents" }),
  currency: z.string().meta({ description: "ISO 4217, the tenant's billing currency", example: "USD" }),
});

export const ZCategoryList = z.object({ data: z.array(ZIntakeCategory) });
