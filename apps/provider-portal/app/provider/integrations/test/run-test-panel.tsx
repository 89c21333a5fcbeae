"use client";

import { OIDC_TEST_CHECK_LABELS, type OidcTestCheck } from "@pp/core/federation/oidc-test-checks";
import { useApiForm } from "@pp/ui/api-form";
import { Badge } from "@pp/ui/badge";
import { Button } from "@pp/ui/button";
import { CircleCheck, CircleX, PlugZap } from "lucide-react";
import { useState } from "react";

type TestResult = { result: "pass" | "fail"; checks: OidcTestCheck[]; at: string };

/** Runs the connection test now and shows each check with its detail. */
export function RunTestPanel({ connectionId, connectionName }: { connectionId: string; connectionName: string }) {
  const [outcome, setOutcome] = useState<TestResult | null>(null);
  const form = useApiForm<TestResult>({
    url: "/api/federation/oidc/test",
    idempotent: true,
    refresh: true,
    onSuccess: setOutcome,
  });

  return (
    <div className="space-y-4">
      <Button onClick={() => void form.submit({ connectionId })} pending={form.pending}>
        {form.pending ? null : <PlugZap aria-hidden className="size-4" />}
        Run test
      </Button>
      {outcome ? (
        <TestChecks result={outcome.result} checks={outcome.checks} title={`Test of “${connectionName}”`} />
      ) : null}
    </div>
  );
}

/** A test's checks, one line each: pass/fail, what was checked, and what was found. */
export function TestChecks({
  result,
  checks,
  title,
}: {
  result: "pass" | "fail";
  checks: OidcTestCheck[];
  title: string;
}) {
  return (
    <section aria-label="Test result" className="rounded-md border border-line p-4">
      <p className="flex items-center gap-2 text-sm font-semibold text-slate-900">
        {title}
        <Badge tone={result === "pass" ? "success" : "danger"}>
          {result === "pass" ? "All checks passed" : "Failed"}
        </Badge>
      </p>
      <ul className="mt-3 space-y-2">
        {checks.map((check) => (
          <li key={check.name} className="flex items-start gap-2 text-sm" data-check={check.name} data-ok={check.ok}>
            {check.ok ? (
              <CircleCheck aria-label="Passed" className="mt-0.5 size-4 shrink-0 text-success-600" />
            ) : (
              <CircleX aria-label="Failed" className="mt-0.5 size-4 shrink-0 text-danger-600" />
            )}
            <span>
              <span className="font-medium text-slate-900">{OIDC_TEST_CHECK_LABELS[check.name] ?? check.name}</span>
              <span className="block text-xs text-slate-600">{check.detail}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
