"use client";

import { callApi, describeFailure } from "@pp/ui/api-client";
import { Button } from "@pp/ui/button";
import { toast } from "@pp/ui/toaster";
import { Archive } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { PricingDialog } from "./pricing-dialog";

/** Archive a plan or coupon after a confirmation that says what archiving does and does not do. */
export function ArchiveButton({
  kind,
  id,
  label,
  consequence,
}: {
  kind: "plan" | "coupon";
  id: string;
  label: string;
  consequence: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);

  async function archive() {
    setPending(true);
    try {
      await callApi(`/api/provider/pricing/${kind}s/${id}/archive`, {
        method: "POST",
        idempotencyKey: crypto.randomUUID(),
      });
      toast.success(`${kind === "plan" ? "Plan" : "Coupon"} ${label} archived`);
      setOpen(false);
      router.refresh();
    } catch (error) {
      toast.error(describeFailure(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)} aria-label={`Archive ${kind} ${label}`}>
        <Archive aria-hidden className="size-3.5" />
        Archive
      </Button>
      <PricingDialog open={open} onOpenChange={setOpen} title={`Archive ${kind} ${label}?`}>
        <p className="text-sm text-slate-600">{consequence}</p>
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="ghost" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button variant="danger" pending={pending} onClick={archive}>
            Archive {kind}
          </Button>
        </div>
      </PricingDialog>
    </>
  );
}
