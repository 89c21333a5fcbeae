type OrderableLine = {
  id: string;
  kind: string;
  leadId: string | null;
  createdAt: Date;
};

/**
 * The order an invoice reads in: the plan line first, then its discount and other plan adjustments,
 * then each lead line by the date the lead was received (oldest first) with that lead's own
 * adjustments and credits right below it, then carried-forward credits. Lines are stored in insert
 * order, which is not this (many share one timestamp), so every invoice view sorts through here.
 */
export function orderInvoiceLines<Line extends OrderableLine>(
  lines: readonly Line[],
  receivedAtByLead: ReadonlyMap<string, Date>,
): Line[] {
  const byCreated = (a: Line, b: Line) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
  const leadLines = lines
    .filter((line) => line.kind === "lead")
    .sort(
      (a, b) =>
        (receivedAtByLead.get(a.leadId ?? "")?.getTime() ?? 0) -
          (receivedAtByLead.get(b.leadId ?? "")?.getTime() ?? 0) || byCreated(a, b),
    );
  const billedLeads = new Set(leadLines.map((line) => line.leadId));
  const follows = (line: Line) => line.kind !== "lead" && line.leadId !== null && billedLeads.has(line.leadId);
  const plan = lines.filter((line) => line.kind === "subscription").sort(byCreated);
  const planAdjustments = lines.filter((line) => line.kind === "adjustment" && line.leadId === null).sort(byCreated);
  const perLead = leadLines.flatMap((leadLine) => [
    leadLine,
    ...lines.filter((line) => follows(line) && line.leadId === leadLine.leadId).sort(byCreated),
  ]);
  const placed = new Set([...plan, ...planAdjustments, ...perLead].map((line) => line.id));
  const rest = lines.filter((line) => !placed.has(line.id)).sort(byCreated);
  return [...plan, ...planAdjustments, ...perLead, ...rest];
}
