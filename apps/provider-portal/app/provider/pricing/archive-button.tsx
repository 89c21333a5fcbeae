"use client";

import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";
import { Dialog, DialogClose } from "@pp/ui/dialog";
import { Archive } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";

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
  const form = useApiForm({
    url: `/api/provider/pricing/${kind}s/${id}/archive`,
    idempotent: true,
    success: `${kind === "plan" ? "Plan" : "Coupon"} ${label} archived`,
    onSuccess: () => {
      setOpen(false);
      router.refresh();
    },
  });

  return (
    <>
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)} aria-label={`Archive ${kind} ${label}`}>
        <Archive aria-hidden className="size-3.5" />
        Archive
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        size="sm"
        title={`Archive ${kind} ${label}?`}
        description={consequence}
        footer={
          <>
            <DialogClose>
              <Button variant="ghost">Cancel</Button>
            </DialogClose>
            <Button variant="danger" pending={form.pending} onClick={() => void form.submit()}>
              Archive {kind}
            </Button>
          </>
        }
      />
    </>
  );
}
