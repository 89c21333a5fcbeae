import { AppError } from "../errors";

/**
 * One currency per client: every amount billed to a client (plan, amount coupon, lead price, credit,
 * proration) is in the client's currency. Anything else is refused with a 422 naming the field — we
 * never convert or mix currencies on one invoice.
 */
export function requireClientCurrency(input: {
  clientCurrency: string;
  currency: string;
  /** The field to name, e.g. `plan.currency`. */
  path: string;
  /** What is in the other currency, e.g. "The Pro plan is priced in EUR". */
  what: string;
}): void {
  if (input.currency === input.clientCurrency) return;
  throw new AppError("unprocessable", `${input.what}, but this client is billed in ${input.clientCurrency}`, {
    details: [{ path: input.path, message: `must be ${input.clientCurrency}, the client's currency` }],
  });
}
