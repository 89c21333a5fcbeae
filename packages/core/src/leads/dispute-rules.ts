import { DISPUTE_REASONS } from "@pp/db/schema";

export type DisputeReason = (typeof DISPUTE_REASONS)[number];

/** What a contractor reads in the reason select. */
export const DISPUTE_REASON_LABELS: Record<DisputeReason, string> = {
  duplicate: "Duplicate lead",
  outside_service_area: "Outside our service area",
  wrong_job_type: "Wrong job type",
  invalid_contact: "Invalid contact details",
  competitor_test: "Competitor or test submission",
  other: "Other",
};

export const DISPUTE_REASON_OPTIONS = DISPUTE_REASONS.map((value) => ({ value, label: DISPUTE_REASON_LABELS[value] }));

/** A dispute may be raised this many days after the lead was received. */
export const DISPUTE_WINDOW_DAYS = 30;
/** A `duplicate` dispute is approved automatically when the same lead reached the tenant this recently before. */
export const DUPLICATE_WINDOW_HOURS = 24;
export const AUTO_APPROVED_DUPLICATE_RULE = "duplicate_within_24h";

const HOUR_MS = 60 * 60 * 1000;

export function disputeWindowClosesAt(receivedAt: Date, windowDays = DISPUTE_WINDOW_DAYS): Date {
  return new Date(receivedAt.getTime() + windowDays * 24 * HOUR_MS);
}

export function isDisputeWindowOpen(receivedAt: Date, now: Date, windowDays = DISPUTE_WINDOW_DAYS): boolean {
  return now.getTime() <= disputeWindowClosesAt(receivedAt, windowDays).getTime();
}

/** The start of the look-back in which an earlier copy of the same lead makes this one a duplicate. */
export function duplicateWindowStart(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() - DUPLICATE_WINDOW_HOURS * HOUR_MS);
}
