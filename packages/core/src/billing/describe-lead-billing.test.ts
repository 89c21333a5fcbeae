import { describe, expect, it } from "vitest";
import { describeDisputeCredit, describeReclassifyBilling, leadBillingStateOf } from "./describe-lead-billing";

describe("describeDisputeCredit", () => {
  it("says an approved dispute on an uninvoiced lead removed it from the next invoice, not 'Credit $0.00'", () => {
    const state = leadBillingStateOf({ invoice: null, included: false });
    expect(describeDisputeCredit({ creditCents: 0, currency: "USD", state })).toBe("Removed from the next invoice");
  });

  it("names the credit and where it went", () => {
    expect(
      describeDisputeCredit({ creditCents: 3_500, currency: "USD", state: "open_invoice", invoiceNumber: "INV-1" }),
    ).toBe("$35.00 credited on invoice INV-1");
    expect(describeDisputeCredit({ creditCents: 3_500, currency: "USD", state: "paid_invoice" })).toBe(
      "$35.00 credit for the next invoice (the lead's invoice was paid)",
    );
    const included = leadBillingStateOf({ invoice: { status: "paid", writtenOff: false }, included: true });
    expect(describeDisputeCredit({ creditCents: 0, currency: "USD", state: included })).toBe(
      "Nothing to credit — it was one of the plan's included leads",
    );
    const writtenOff = leadBillingStateOf({ invoice: { status: "uncollectible", writtenOff: true }, included: false });
    expect(describeDisputeCredit({ creditCents: 0, currency: "USD", state: writtenOff, invoiceNumber: "INV-2" })).toBe(
      "Nothing to credit — invoice INV-2 was written off",
    );
  });
});

describe("describeReclassifyBilling", () => {
  const base = { currency: "USD", invoiceNumber: "INV-2025-04-0007" };
  it("states the adjustment on an unpaid invoice with its sign", () => {
    // $35.00 billed → $65.00: +$30.00 (creditedCents is what went to the tenant: −3,000).
    expect(
      describeReclassifyBilling({
        ...base,
        toPriceCents: 6_500,
        billing: { state: "open_invoice", creditedCents: -3_000, creditId: null },
      }),
    ).toBe("+$30.00 adjustment on invoice INV-2025-04-0007");
    expect(
      describeReclassifyBilling({
        ...base,
        toPriceCents: 3_500,
        billing: { state: "open_invoice", creditedCents: 3_000, creditId: null },
      }),
    ).toBe("−$30.00 adjustment on invoice INV-2025-04-0007");
  });

  it("says when nothing is adjusted and why", () => {
    expect(
      describeReclassifyBilling({
        ...base,
        toPriceCents: 9_500,
        billing: { state: "uninvoiced", creditedCents: 0, creditId: null },
      }),
    ).toBe("the next invoice bills $95.00");
    expect(
      describeReclassifyBilling({
        ...base,
        toPriceCents: 9_500,
        billing: { state: "paid_invoice", creditedCents: 0, creditId: null },
      }),
    ).toBe("invoice INV-2025-04-0007 is paid — a higher price is not charged after the fact");
    expect(
      describeReclassifyBilling({
        ...base,
        toPriceCents: 3_500,
        billing: { state: "paid_invoice", creditedCents: 3_000, creditId: "c" },
      }),
    ).toBe("invoice INV-2025-04-0007 is paid — $30.00 credit for the next invoice");
    expect(describeReclassifyBilling({ ...base, toPriceCents: 3_500, billing: null })).toBe(
      "the lead is not billable, so no invoice changes",
    );
  });
});
