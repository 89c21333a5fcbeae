import { expect, it } from "vitest";
import { orderInvoiceLines } from "./order-invoice-lines";

const at = new Date("2025-04-01T06:00:00Z");
const later = new Date("2025-04-05T12:00:00Z");

it("reads plan first, its discount, leads by received date each with its own adjustments, then carried credits", () => {
  // Stored order: the same timestamp for the issued lines, ids in no meaningful order.
  const lines = [
    { id: "f", kind: "lead", leadId: "late", createdAt: at, description: "Lead received Mar 20" },
    { id: "a", kind: "credit", leadId: null, createdAt: at, description: "Carried credit" },
    { id: "c", kind: "adjustment", leadId: null, createdAt: at, description: "Discount: SPRING25 (20% off)" },
    { id: "e", kind: "lead", leadId: "early", createdAt: at, description: "Lead received Mar 3" },
    { id: "b", kind: "adjustment", leadId: "early", createdAt: later, description: "Adjustment: reclassified" },
    { id: "d", kind: "subscription", leadId: null, createdAt: at, description: "Basic plan (monthly)" },
    { id: "g", kind: "credit", leadId: "late", createdAt: later, description: "Credit: disputed" },
  ];
  const received = new Map([
    ["early", new Date("2025-03-03T10:00:00Z")],
    ["late", new Date("2025-03-20T10:00:00Z")],
  ]);
  expect(orderInvoiceLines(lines, received).map((line) => line.description)).toEqual([
    "Basic plan (monthly)",
    "Discount: SPRING25 (20% off)",
    "Lead received Mar 3",
    "Adjustment: reclassified",
    "Lead received Mar 20",
    "Credit: disputed",
    "Carried credit",
  ]);
});
