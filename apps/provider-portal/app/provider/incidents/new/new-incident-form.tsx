"use client";

import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";
import { Card } from "@pp/ui/card";
import { ClientPicker, type ClientPickerOption } from "@pp/ui/client-picker";
import { Field, Input, Select, Textarea } from "@pp/ui/field";
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { CLIENT_SEARCH_URL } from "@/lib/client-search";

const SEVERITIES = [
  { value: "sev1", label: "SEV1 — platform down for many clients" },
  { value: "sev2", label: "SEV2 — a client cannot work" },
  { value: "sev3", label: "SEV3 — broken, with a workaround" },
  { value: "sev4", label: "SEV4 — question or minor issue" },
];

/** Title, description, severity and client; opens the incident and goes to it. */
export function NewIncidentForm({
  client: initialClient,
  origin,
  title: initialTitle,
}: {
  /** The client the link named (Client 360, the Action Center), already resolved. */
  client: ClientPickerOption | null;
  origin: "list" | "client" | "action_center";
  title?: string;
}) {
  const router = useRouter();
  const ids = { title: useId(), description: useId(), severity: useId(), client: useId() };
  const [title, setTitle] = useState(initialTitle ?? "");
  const [description, setDescription] = useState("");
  const [severity, setSeverity] = useState("sev3");
  const [client, setClient] = useState(initialClient?.id ?? "");
  const form = useApiForm<{ id: string }>({
    url: "/api/provider/incidents",
    idempotent: true,
    success: "Incident opened — the SLA clocks are running",
    keepPending: true,
    onSuccess: (incident) => router.push(`/provider/incidents/${incident.id}`),
  });
  const { errors, pending } = form;

  function submit(event: FormEvent) {
    event.preventDefault();
    void form.submit({
      title,
      description: description.trim() === "" ? undefined : description,
      severity,
      tenantId: client === "" ? undefined : client,
      origin,
    });
  }

  return (
    <Card className="max-w-2xl">
      <form onSubmit={submit} className="space-y-4">
        <Field label="Title" htmlFor={ids.title} error={errors.title}>
          <Input id={ids.title} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} required />
        </Field>
        <Field
          label="Description"
          htmlFor={ids.description}
          error={errors.description}
          hint="What is wrong, for whom, since when"
        >
          <Textarea
            id={ids.description}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            rows={4}
          />
        </Field>
        <Field label="Severity" htmlFor={ids.severity} error={errors.severity}>
          <Select id={ids.severity} value={severity} onChange={(e) => setSeverity(e.target.value)}>
            {SEVERITIES.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Client"
          htmlFor={ids.client}
          error={errors.tenantId}
          hint="Leave empty for a platform-wide incident"
        >
          <ClientPicker
            id={ids.client}
            searchUrl={CLIENT_SEARCH_URL}
            selected={initialClient}
            anyLabel="Platform (all clients)"
            onChange={(chosen) => setClient(chosen?.id ?? "")}
            invalid={Boolean(errors.tenantId)}
          />
        </Field>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Opening…" : "Open incident"}
        </Button>
      </form>
    </Card>
  );
}
