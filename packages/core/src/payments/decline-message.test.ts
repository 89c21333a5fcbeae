import { describe, expect, it } from "vitest";
import { declineMessage } from "./decline-message";

describe("declineMessage", () => {
  it("puts Stripe's decline code in plain words", () => {
    expect(declineMessage("insufficient_funds")).toBe("Card declined — insufficient funds");
    expect(declineMessage("expired_card")).toBe("Card declined — the card has expired");
    expect(declineMessage("some_new_code")).toBe("Card declined — some new code");
    expect(declineMessage(undefined)).toBe("Card declined");
  });
});
