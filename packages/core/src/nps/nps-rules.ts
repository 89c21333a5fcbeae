/** A user is asked at most once per this many days (an answer or a dismissal both count). */
export const NPS_PROMPT_INTERVAL_DAYS = 90;
/** The tenant's trailing NPS covers answers from this many days. */
export const NPS_TRAILING_DAYS = 180;
/** Who is asked: the people who run the business day to day. */
export const NPS_ROLES = ["owner", "dispatcher"] as const;

export const NPS_QUESTION = "How likely are you to recommend us to another contractor?";

export function npsCategory(score: number): "promoter" | "passive" | "detractor" {
  if (score >= 9) return "promoter";
  if (score >= 7) return "passive";
  return "detractor";
}

export { npsOf } from "../health/health-components";
