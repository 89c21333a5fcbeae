"use client";

import { useApiForm } from "@pp/ui/api-form";
import { Button, ButtonLink } from "@pp/ui/button";
import { ClientPicker, type ClientPickerOption } from "@pp/ui/client-picker";
import { Field, Input, Select } from "@pp/ui/field";
import { toast } from "@pp/ui/toaster";
import { Check, Copy, ShieldCheck, TriangleAlert } from "lucide-react";
import { type FormEvent, useState } from "react";
import { CLIENT_SEARCH_URL } from "@/lib/client-search";

type Created = { id: string; name: string; clientSecret?: string };

const STAFF = "staff";

/** The picker's one choice that is not a tenant: a connection for staff signing in to this portal. */
export const STAFF_AUDIENCE: ClientPickerOption = { id: STAFF, name: "Staff (portal SSO)", slug: STAFF };

/** Staff add a connection for a tenant's SSO or for portal staff SSO; it starts as a draft until tested. */
export function CreateOidcConnectionForm({
  defaultAudience,
  callbackUrls,
}: {
  defaultAudience: ClientPickerOption | null;
  /** The redirect URI to register at the identity provider, for portal staff and for a tenant's users. */
  callbackUrls: { staff: string; tenant: string };
}) {
  const [audience, setAudience] = useState(defaultAudience?.id ?? "");
  const [name, setName] = useState("");
  const [issuer, setIssuer] = useState("");
  const [clientId, setClientId] = useState("");
  const [clientSecret, setClientSecret] = useState("");
  const [emailDomains, setEmailDomains] = useState("");
  const [defaultRole, setDefaultRole] = useState("technician");
  const [created, setCreated] = useState<Created | null>(null);
  const form = useApiForm<Created>({
    url: "/api/federation/oidc",
    idempotent: true,
    refresh: true,
    onSuccess: (connection) => {
      setCreated(connection);
      setName("");
      setIssuer("");
      setClientId("");
      setClientSecret("");
      setEmailDomains("");
    },
  });
  const { errors, pending } = form;

  function submit(event: FormEvent) {
    event.preventDefault();
    void form.submit({
      tenantId: audience === STAFF ? null : audience,
      name,
      issuer,
      clientId,
      clientSecret,
      emailDomains: emailDomains
        .split(/[\s,]+/)
        .map((domain) => domain.trim())
        .filter(Boolean),
      defaultRole,
    });
  }

  if (created) return <CreatedConnection created={created} onDone={() => setCreated(null)} />;
  const domainError = Object.entries(errors).find(([path]) => path.startsWith("emailDomains"))?.[1];
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <div className="grid gap-3 md:grid-cols-3">
        <Field label="Signs in to" htmlFor="oidc-tenantId" error={errors.tenantId}>
          {/* Churned tenants are left out: nobody of theirs signs in any more. */}
          <ClientPicker
            id="oidc-tenantId"
            searchUrl={CLIENT_SEARCH_URL}
            searchParams={{ active: "true" }}
            selected={defaultAudience}
            pinned={[STAFF_AUDIENCE]}
            placeholder="Staff, or type a tenant's name…"
            onChange={(chosen) => setAudience(chosen?.id ?? "")}
            invalid={Boolean(errors.tenantId)}
          />
        </Field>
        <Field label="Connection name" htmlFor="oidc-name" error={errors.name} hint="e.g. “Acme Okta”">
          <Input
            id="oidc-name"
            autoComplete="off"
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <Field
          label="Issuer"
          htmlFor="oidc-issuer"
          error={errors.issuer}
          hint="Exactly as the provider publishes it; https (http only for localhost)"
        >
          <Input
            id="oidc-issuer"
            type="url"
            autoComplete="off"
            placeholder="https://acme.okta.com"
            value={issuer}
            onChange={(event) => setIssuer(event.target.value)}
          />
        </Field>
        <Field label="Client ID" htmlFor="oidc-clientId" error={errors.clientId}>
          <Input
            id="oidc-clientId"
            autoComplete="off"
            value={clientId}
            onChange={(event) => setClientId(event.target.value)}
          />
        </Field>
        <Field
          label="Client secret"
          htmlFor="oidc-clientSecret"
          error={errors.clientSecret}
          hint="Stored encrypted; it can be replaced later, never read"
        >
          <Input
            id="oidc-clientSecret"
            type="password"
            autoComplete="new-password"
            value={clientSecret}
            onChange={(event) => setClientSecret(event.target.value)}
          />
        </Field>
        <Field
          label="Email domains"
          htmlFor="oidc-emailDomains"
          error={domainError}
          hint="Users with these addresses are sent to this provider; separate with commas"
        >
          <Input
            id="oidc-emailDomains"
            autoComplete="off"
            placeholder="acme.com, acme.co.uk"
            value={emailDomains}
            onChange={(event) => setEmailDomains(event.target.value)}
          />
        </Field>
        {audience !== STAFF ? (
          <Field
            label="Default role"
            htmlFor="oidc-defaultRole"
            error={errors.defaultRole}
            hint="Given to a user on first SSO sign-in"
          >
            <Select id="oidc-defaultRole" value={defaultRole} onChange={(event) => setDefaultRole(event.target.value)}>
              <option value="technician">Technician</option>
              <option value="dispatcher">Dispatcher</option>
              <option value="owner">Owner</option>
            </Select>
          </Field>
        ) : null}
      </div>
      <CallbackUri url={audience === STAFF ? callbackUrls.staff : callbackUrls.tenant} staff={audience === STAFF} />
      <Button
        type="submit"
        pending={pending}
        disabled={
          audience === "" || name.trim() === "" || issuer.trim() === "" || clientId.trim() === "" || clientSecret === ""
        }
      >
        {pending ? null : <ShieldCheck aria-hidden className="size-4" />}
        Add connection
      </Button>
    </form>
  );
}

/** The redirect URI the identity provider must allow, with a copy button: without it the first sign-in fails. */
function CallbackUri({ url, staff }: { url: string; staff: boolean }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      toast.error("Copy failed — select the address and copy it yourself");
    }
  }
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 p-3">
      <label htmlFor="oidc-callback-uri" className="text-xs font-medium text-slate-700">
        Redirect (callback) URI to register at the identity provider
      </label>
      <div className="mt-1.5 flex flex-wrap items-center gap-2">
        <Input
          id="oidc-callback-uri"
          readOnly
          value={url}
          onFocus={(event) => event.target.select()}
          className="min-w-80 flex-1 font-mono text-xs"
        />
        <Button variant="secondary" size="sm" onClick={copy}>
          {copied ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
          {copied ? "Copied" : "Copy URI"}
        </Button>
      </div>
      <p className="mt-1 text-xs text-slate-500">
        {staff
          ? "Staff sign in to the Provider Portal, so its address is the one to allow."
          : "Tenant users sign in to the tenant app, so its address is the one to allow."}
      </p>
    </div>
  );
}

/** The success state: the secret as saved, this once, with the next step (test, then enable). */
function CreatedConnection({ created, onDone }: { created: Created; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(created.clientSecret ?? "");
      setCopied(true);
    } catch {
      toast.error("Copy failed — select the secret and copy it yourself");
    }
  }
  return (
    <section aria-label="Connection added" className="rounded-md border border-warn-600/40 bg-warn-50 p-4">
      <p className="flex items-start gap-2 text-sm font-medium text-warn-800">
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />“{created.name}” was added as a draft. This is
        the only time its client secret is shown — from now on every screen shows only its last characters.
      </p>
      {/* A replayed request gets the stored response, whose secret is already redacted. */}
      {created.clientSecret && !created.clientSecret.startsWith("••••") ? (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <label htmlFor="created-client-secret" className="sr-only">
            Client secret as saved
          </label>
          <Input
            id="created-client-secret"
            readOnly
            value={created.clientSecret}
            onFocus={(event) => event.target.select()}
            className="min-w-80 flex-1 font-mono text-xs"
          />
          <Button variant="secondary" onClick={copy}>
            {copied ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
            {copied ? "Copied" : "Copy secret"}
          </Button>
        </div>
      ) : (
        <p className="mt-2 text-sm text-warn-800">
          This request was already answered once; the secret is not shown again.
        </p>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        <ButtonLink href={`/provider/integrations/test?connectionId=${created.id}`} size="sm">
          Test this connection
        </ButtonLink>
        <Button variant="ghost" size="sm" onClick={onDone}>
          Done
        </Button>
      </div>
    </section>
  );
}
