import { env } from "@pp/env";
import { Badge } from "@pp/ui/badge";
import { ButtonLink } from "@pp/ui/button";
import { Card } from "@pp/ui/card";
import { PageHeader } from "@pp/ui/page-header";
import type { Metadata } from "next";
import Link from "next/link";
import { API_ENDPOINTS, type ApiEndpoint, buildOpenApiDocument } from "@/app/api/v1/openapi";
import { requireMember } from "@/lib/session";
import { ViewApiReference } from "./view-api-reference";

export const metadata: Metadata = { title: "API reference" };

type Json = Record<string, unknown>;
type Parameter = { name: string; in: string; required: boolean; description?: string; schema: Json };

const METHOD_TONE = { get: "brand", post: "success", patch: "warn" } as const;

// /t/[slug]/settings/api – the public API reference, rendered from the same OpenAPI document /api/v1/openapi.json serves.
export default async function ApiReferencePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireMember(slug);
  const baseUrl = env().tenantAppUrl;
  const document = buildOpenApiDocument(baseUrl);
  const paths = document.paths as Record<string, Record<string, Json>>;
  const schemas = (document.components as { schemas: Record<string, Json> }).schemas;

  return (
    <>
      <ViewApiReference tenantSlug={slug} />
      <PageHeader
        eyebrow={
          <Link href={`/t/${slug}/settings/api-keys`} className="hover:text-slate-800">
            ← API keys
          </Link>
        }
        title="API reference"
        description="Read and create your leads and read your own API usage from your systems."
        actions={
          <ButtonLink href="/api/v1/openapi.json" variant="secondary" prefetch={false}>
            OpenAPI 3.1 (JSON)
          </ButtonLink>
        }
      />
      <div className="space-y-6">
        <Card title="Authentication">
          <div className="space-y-2 text-sm text-slate-700">
            <p>
              Create a key under{" "}
              <Link className="text-brand-700 underline" href={`/t/${slug}/settings/api-keys`}>
                API keys
              </Link>{" "}
              and send it on every request as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>. Each
              endpoint names the scope the key needs; without it the answer is 403.
            </p>
            <p>
              Requests are limited per workspace (your plan&apos;s limit per minute); each response carries{" "}
              <code className="font-mono">RateLimit-Policy</code> and <code className="font-mono">RateLimit</code>{" "}
              headers, and a 429 says when to retry in <code className="font-mono">Retry-After</code>. Errors are{" "}
              <code className="font-mono">{"{ error: { code, message, details, requestId } }"}</code>, the message
              naming the bad field.
            </p>
          </div>
        </Card>
        <nav aria-label="Endpoints" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <ul className="space-y-1">
            {API_ENDPOINTS.map((endpoint) => (
              <li key={endpoint.operationId}>
                <a href={`#${endpoint.operationId}`} className="hover:underline">
                  <span className="inline-block w-14 font-mono text-xs uppercase">{endpoint.method}</span>
                  <span className="font-mono">{endpoint.path}</span> — {endpoint.summary}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {API_ENDPOINTS.map((endpoint) => (
          <EndpointCard
            key={endpoint.operationId}
            endpoint={endpoint}
            operation={paths[endpoint.path]?.[endpoint.method] ?? {}}
            baseUrl={baseUrl}
          />
        ))}
        <Card title="Schemas" description="The shapes responses use.">
          <div className="space-y-4">
            {Object.entries(schemas).map(([name, schema]) => (
              <section key={name} id={`schema-${name}`}>
                <h3 className="font-mono text-sm font-semibold text-slate-900">{name}</h3>
                <SchemaBlock schema={schema} />
              </section>
            ))}
          </div>
        </Card>
      </div>
    </>
  );
}

function EndpointCard({ endpoint, operation, baseUrl }: { endpoint: ApiEndpoint; operation: Json; baseUrl: string }) {
  const parameters = (operation.parameters ?? []) as Parameter[];
  const requestSchema = (operation.requestBody as { content: Record<string, { schema: Json }> } | undefined)?.content[
    "application/json"
  ]?.schema;
  const responses = (operation.responses ?? {}) as Record<string, { description: string }>;
  return (
    <section id={endpoint.operationId} className="scroll-mt-4">
      <Card
        title={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={METHOD_TONE[endpoint.method]}>{endpoint.method.toUpperCase()}</Badge>
            <span className="font-mono">{endpoint.path}</span>
          </span>
        }
        description={endpoint.summary}
        actions={endpoint.scope ? <Badge>{endpoint.scope}</Badge> : <Badge>any key</Badge>}
      >
        <div className="space-y-4 text-sm text-slate-700">
          {endpoint.description ? <p>{endpoint.description}</p> : null}
          {parameters.length > 0 ? (
            <div>
              <h4 className="mb-1 font-semibold text-slate-900">Parameters</h4>
              <table className="w-full text-left text-sm">
                <thead className="text-xs text-slate-500">
                  <tr>
                    <th className="py-1 pr-3 font-medium">Name</th>
                    <th className="py-1 pr-3 font-medium">In</th>
                    <th className="py-1 pr-3 font-medium">Type</th>
                    <th className="py-1 font-medium">Description</th>
                  </tr>
                </thead>
                <tbody>
                  {parameters.map((parameter) => (
                    <tr key={`${parameter.in}-${parameter.name}`} className="border-t border-slate-100 align-top">
                      <td className="py-1 pr-3 font-mono">
                        {parameter.name}
                        {parameter.required ? <span className="text-danger-700"> *</span> : null}
                      </td>
                      <td className="py-1 pr-3">{parameter.in}</td>
                      <td className="py-1 pr-3 font-mono text-xs">{typeOf(parameter.schema)}</td>
                      <td className="py-1">{parameter.description ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {requestSchema ? (
            <div>
              <h4 className="mb-1 font-semibold text-slate-900">Request body (JSON)</h4>
              <SchemaBlock schema={requestSchema} />
            </div>
          ) : null}
          <div>
            <h4 className="mb-1 font-semibold text-slate-900">Responses</h4>
            <ul className="space-y-0.5">
              {Object.entries(responses).map(([status, response]) => (
                <li key={status}>
                  <span className="font-mono">{status}</span> — {response.description}
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h4 className="mb-1 font-semibold text-slate-900">Example</h4>
            <pre
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a long command scrolls; keyboard users must reach it
              tabIndex={0}
              className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100"
            >
              {curlOf(endpoint, baseUrl)}
            </pre>
          </div>
        </div>
      </Card>
    </section>
  );
}

/** The schema's properties as an indented outline: name, type, required, description. */
function SchemaBlock({ schema }: { schema: Json }) {
  return (
    <pre
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a wide schema scrolls; keyboard users must reach it
      tabIndex={0}
      className="overflow-x-auto rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800"
    >
      {outline(schema, 0)}
    </pre>
  );
}

function outline(schema: Json, depth: number): string {
  const properties = schema.properties as Record<string, Json> | undefined;
  if (!properties) return typeOf(schema);
  const required = new Set((schema.required ?? []) as string[]);
  const pad = "  ".repeat(depth);
  const lines = Object.entries(properties).map(([name, property]) => {
    const nested = property.properties ? `{\n${outline(property, depth + 1)}\n${pad}}` : typeOf(property);
    const items = property.items as Json | undefined;
    const type = items?.properties ? `[{\n${outline(items, depth + 1)}\n${pad}}]` : nested;
    const note = typeof property.description === "string" ? `  // ${property.description}` : "";
    return `${pad}${name}${required.has(name) ? "" : "?"}: ${type}${note}`;
  });
  return lines.join("\n");
}

function typeOf(schema: Json): string {
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (typeof schema.$ref === "string") return schema.$ref.split("/").at(-1) ?? "object";
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Json[]).map(typeOf).join(" | ");
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : String(schema.type ?? "any");
  const format = typeof schema.format === "string" ? ` (${schema.format})` : "";
  if (type === "array" && schema.items) return `${typeOf(schema.items as Json)}[]`;
  return `${type}${format}`;
}

function curlOf(endpoint: ApiEndpoint, baseUrl: string): string {
  const path = endpoint.path.replace("{id}", "0190f5a2-7c1e-7000-8000-000000000001");
  const query = endpoint.path === "/api/v1/leads" && endpoint.method === "get" ? "?status=new&limit=25" : "";
  const lines = [
    `curl -X ${endpoint.method.toUpperCase()} '${baseUrl}${path}${query}' \\`,
    `  -H "Authorization: Bearer $API_KEY"`,
  ];
  if (endpoint.body) {
    lines[lines.length - 1] += " \\";
    lines.push(`  -H 'Content-Type: application/json' \\`);
    if (endpoint.idempotent) lines.push(`  -H 'Idempotency-Key: 5f0c6a1e-any-unique-string' \\`);
    lines.push(`  -d '${JSON.stringify(endpoint.bodyExample ?? {})}'`);
  }
  return lines.join("\n");
}
