import { Badge } from "@pp/ui/badge";
import { formatDateTime } from "@pp/ui/format";
import Link from "next/link";

/** Who signs in through a connection: a tenant's users, or provider staff. */
export function AudienceCell({ tenant }: { tenant: { id: string; name: string } | null }) {
  if (!tenant) return <Badge tone="brand">Staff (portal SSO)</Badge>;
  return (
    <Link href={`/provider/clients/${tenant.id}`} className="hover:text-brand-700">
      {tenant.name}
    </Link>
  );
}

/** A test result as pass/fail with when, or “Not tested”. */
export function LastTestCell({
  lastTest,
  connectionId,
}: {
  lastTest: { at: Date; result: "pass" | "fail" } | null;
  connectionId?: string;
}) {
  const body = lastTest ? (
    <span className="inline-flex flex-col items-start">
      <Badge tone={lastTest.result === "pass" ? "success" : "danger"}>
        {lastTest.result === "pass" ? "Passed" : "Failed"}
      </Badge>
      <span className="mt-0.5 whitespace-nowrap text-xs text-slate-500">{formatDateTime(lastTest.at)}</span>
    </span>
  ) : (
    <span className="text-slate-400">Not tested</span>
  );
  if (!connectionId) return body;
  return (
    <Link href={`/provider/integrations/test?connectionId=${connectionId}`} className="hover:opacity-80">
      {body}
    </Link>
  );
}
