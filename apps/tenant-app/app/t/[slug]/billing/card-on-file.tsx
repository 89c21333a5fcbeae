import type { MemberActor } from "@pp/core/auth/actors";
import { getCardOnFile } from "@pp/core/payments/get-card-on-file";
import { Card } from "@pp/ui/card";
import { formatCents } from "@pp/ui/format";
import { cache } from "react";
import { CardSetupButton, PayNowButton } from "./card-actions";

const cardOf = cache((tenantId: string) => getCardOnFile({ tenantId }));

const brandName = (brand: string) =>
  brand === "amex" ? "American Express" : brand.charAt(0).toUpperCase() + brand.slice(1);

/** Billing › Card on file (only when card payments are on): the saved card, and Add / Replace for the owner. */
export async function CardOnFileCard({
  tenantId,
  slug,
  actor,
}: {
  tenantId: string;
  slug: string;
  actor: MemberActor;
}) {
  const { enabled, card } = await cardOf(tenantId);
  if (!enabled) return null;
  const owner = actor.role === "owner";
  return (
    <Card title="Card on file" actions={owner ? <CardSetupButton slug={slug} replace={card !== null} /> : undefined}>
      {card ? (
        <p className="text-sm" data-testid="card-on-file">
          {brandName(card.brand)} ending {card.last4} · expires {String(card.expMonth).padStart(2, "0")}/{card.expYear}
          <span className="mt-1 block text-xs text-slate-500">Invoices are charged to this card when issued.</span>
        </p>
      ) : (
        <p className="text-sm text-slate-500">
          No card yet.{owner ? " Add one and invoices are paid automatically." : " The account owner can add one."}
        </p>
      )}
    </Card>
  );
}

type PayableInvoice = {
  id: string;
  status: string;
  amountDueCents: number;
  currency: string;
  writtenOffAt: Date | null;
};

/** An open invoice's "Pay now" (owner, card on file); nothing otherwise. */
export async function PayNow({
  tenantId,
  slug,
  actor,
  invoice,
}: {
  tenantId: string;
  slug: string;
  actor: MemberActor;
  invoice: PayableInvoice;
}) {
  const payable =
    (invoice.status === "open" || invoice.status === "uncollectible") &&
    !invoice.writtenOffAt &&
    invoice.amountDueCents > 0;
  if (!payable || actor.role !== "owner") return null;
  const { card } = await cardOf(tenantId);
  if (!card) return null;
  return (
    <PayNowButton
      slug={slug}
      invoiceId={invoice.id}
      label={`Pay ${formatCents(invoice.amountDueCents, invoice.currency)} now`}
    />
  );
}
