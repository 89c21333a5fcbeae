import { getCardOnFile } from "@pp/core/payments/get-card-on-file";
import { Card } from "@pp/ui/card";

/** Client 360 › Billing › Card on file (only when card payments are on): brand, last 4 and expiry, never more. */
export async function ClientCardOnFile({ tenantId }: { tenantId: string }) {
  const { enabled, card } = await getCardOnFile({ tenantId });
  if (!enabled) return null;
  return (
    <Card title="Card on file" description="Saved by the client's owner through Stripe; invoices are charged to it.">
      {card ? (
        <p className="text-sm font-medium text-slate-900" data-testid="client-card-on-file">
          <span className="capitalize">{card.brand}</span> ending {card.last4} · expires{" "}
          {String(card.expMonth).padStart(2, "0")}/{card.expYear}
        </p>
      ) : (
        <p className="text-sm text-slate-500">No card yet — the client's owner adds one on their Billing page.</p>
      )}
    </Card>
  );
}
