"use client";

import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";
import { Field, Input } from "@pp/ui/field";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";

type Applied = { code: string; summary: string };

/** One field: the code. Refusals (unknown, expired, used up, one already running) show under it. */
export function CouponForm({ slug }: { slug: string }) {
  const router = useRouter();
  const codeId = useId();
  const [code, setCode] = useState("");
  const form = useApiForm<Applied>({
    url: `/api/t/${slug}/billing/coupon`,
    idempotent: true,
    errorField: "code",
    success: (applied) => `${applied.code} applied — ${applied.summary}`,
    onSuccess: () => {
      setCode("");
      router.refresh();
    },
  });
  return (
    <form
      className="mt-4 flex flex-wrap items-end gap-2 border-t border-line pt-4"
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit({ code });
      }}
    >
      <Field label="Coupon code" htmlFor={codeId} error={form.errors.code} className="min-w-48 flex-1">
        <Input
          id={codeId}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          maxLength={40}
          placeholder="e.g. SPRING25"
          required
        />
      </Field>
      <Button type="submit" variant="secondary" disabled={form.pending || code.trim() === ""}>
        {form.pending ? "Applying…" : "Apply code"}
      </Button>
    </form>
  );
}
