/** Stripe's decline codes in the words a tenant and staff read (docs.stripe.com/declines/codes). */
const DECLINE_WORDS: Record<string, string> = {
  insufficient_funds: "insufficient funds",
  card_declined: "declined by the bank",
  generic_decline: "declined by the bank",
  do_not_honor: "declined by the bank",
  expired_card: "the card has expired",
  incorrect_cvc: "the security code is wrong",
  incorrect_number: "the card number is wrong",
  lost_card: "the card was reported lost",
  stolen_card: "the card was reported stolen",
  fraudulent: "suspected fraud",
  card_velocity_exceeded: "the card's limit was reached",
  processing_error: "a processing error at the bank",
  authentication_required: "the bank asks the cardholder to confirm the payment",
  withdrawal_count_limit_exceeded: "the card's limit was reached",
};

/** "Card declined — insufficient funds": what Payment Retries and the Action Center show for a decline. */
export function declineMessage(code: string | null | undefined): string {
  if (!code) return "Card declined";
  return `Card declined — ${DECLINE_WORDS[code] ?? code.replaceAll("_", " ")}`;
}
