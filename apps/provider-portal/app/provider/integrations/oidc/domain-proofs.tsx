"use client";

import { useApiForm } from "@pp/ui/api-form";
import { Badge } from "@pp/ui/badge";
import { Button } from "@pp/ui/button";
import { toast } from "@pp/ui/toaster";

export type DomainProof = { domain: string; verified: boolean; txtName: string; txtValue: string };

/**
 * A connection's email domains with their DNS ownership proof. Until a domain is verified, SSO signs
 * in only people who are already members; it creates nobody from that domain.
 */
export function DomainProofs({
  connectionId,
  domains,
  canManage,
}: {
  connectionId: string;
  domains: DomainProof[];
  canManage: boolean;
}) {
  return (
    <ul className="space-y-1 text-xs">
      {domains.map((proof) => (
        <li key={proof.domain}>
          <span className="text-slate-900">{proof.domain}</span>{" "}
          {proof.verified ? (
            <Badge tone="success">Verified</Badge>
          ) : (
            <>
              <Badge tone="warn">Unverified</Badge>
              <p className="mt-0.5 text-slate-500">
                TXT <span className="font-mono">{proof.txtName}</span> ={" "}
                <span className="font-mono break-all">{proof.txtValue}</span>
              </p>
              {canManage ? <CheckDnsButton connectionId={connectionId} domain={proof.domain} /> : null}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Looks the TXT record up now; a miss says what was found instead. */
function CheckDnsButton({ connectionId, domain }: { connectionId: string; domain: string }) {
  const form = useApiForm<{ verified: boolean; detail: string }>({
    url: `/api/federation/oidc/${connectionId}/domains/verify`,
    idempotent: true,
    refresh: true,
    onSuccess: (result) => {
      if (result.verified) toast.success(`${domain} is verified — SSO may now add new people from it`);
      else toast.error(result.detail);
    },
  });
  return (
    <Button
      variant="ghost"
      size="sm"
      pending={form.pending}
      onClick={() => void form.submit({ domain })}
      aria-label={`Check DNS of ${domain}`}
    >
      Check DNS
    </Button>
  );
}
