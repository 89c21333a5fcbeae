"use client";

import { callApi, describeFailure } from "@pp/ui/api-client";
import { Badge } from "@pp/ui/badge";
import { Button } from "@pp/ui/button";
import { toast } from "@pp/ui/toaster";
import { useRouter } from "next/navigation";
import { useState } from "react";

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
  const router = useRouter();
  const [checking, setChecking] = useState<string | null>(null);

  async function check(domain: string) {
    setChecking(domain);
    try {
      const result = await callApi<{ verified: boolean; detail: string }>(
        `/api/federation/oidc/${connectionId}/domains/verify`,
        { method: "POST", body: { domain }, idempotencyKey: crypto.randomUUID() },
      );
      if (result.verified) toast.success(`${domain} is verified — SSO may now add new people from it`);
      else toast.error(result.detail);
      router.refresh();
    } catch (error) {
      toast.error(describeFailure(error));
    } finally {
      setChecking(null);
    }
  }

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
              {canManage ? (
                <Button
                  variant="ghost"
                  size="sm"
                  pending={checking === proof.domain}
                  onClick={() => check(proof.domain)}
                  aria-label={`Check the DNS record of ${proof.domain}`}
                >
                  Check DNS
                </Button>
              ) : null}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
