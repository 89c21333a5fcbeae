import { API_KEY_SCOPE_DESCRIPTIONS, type ApiKeyScope } from "@pp/core/api-keys/api-key-scopes";
import { ERROR_CODES, type ErrorCode } from "@pp/core/errors";
import { z } from "zod";
import { ZCategoryList } from "./categories/schema";
import { ZLeadIdParams, ZUpdateLeadBody } from "./leads/[id]/schema";
import { ZApiLead, ZCreateLeadBody, ZLeadPage, ZListLeadsQuery } from "./leads/schema";
import { errorResponsesOf, RESPONSE_HEADERS, successHeaders } from "./openapi-responses";
import { ZUsage, ZUsageQuery } from "./usage/schema";

type JsonSchema = Record<string, unknown>;

/** One public endpoint: the route's own zod schemas, plus what a reader of the reference needs. */
export type ApiEndpoint = {
  method: "get" | "post" | "patch";
  /** OpenAPI path, e.g. `/api/v1/leads/{id}` (the route template with `{}` for `[]`). */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  scope?: ApiKeyScope;
  params?: z.ZodObject;
  query?: z.ZodType;
  body?: z.ZodType;
  bodyExample?: unknown;
  idempotent?: boolean;
  response: { status: number; description: string; schema: z.ZodType | string };
  /** Error statuses besides 401/429 (every endpoint has those) with what they mean here. */
  errors: Record<number, string>;
};

const ZMe = z.object({
  tenant: z.object({ id: z.uuid(), name: z.string(), slug: z.string() }),
  key: z.object({ prefix: z.string(), scopes: z.array(z.string()) }),
});

const ZError = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]).meta({
      description: "A stable machine-readable code; the status follows from it (see the table in @pp/core/errors)",
    }),
    message: z.string().meta({ description: "What went wrong, naming the field for bad input" }),
    details: z.unknown().optional(),
    requestId: z.string(),
  }),
});

/** The public API, in the order the reference shows it. Every /api/v1 route is listed here. */
export const API_ENDPOINTS: readonly ApiEndpoint[] = [
  {
    method: "get",
    path: "/api/v1/me",
    operationId: "getMe",
    summary: "Identify the key",
    description: "Which tenant and key this API key is. Any valid key; no scope needed.",
    response: { status: 200, description: "The key's tenant and scopes", schema: ZMe },
    errors: {},
  },
  {
    method: "get",
    path: "/api/v1/categories",
    operationId: "listCategories",
    summary: "List lead categories",
    description:
      "The lead categories your trade's intake accepts, each with the price a lead of it is charged now. " +
      "Send one of these codes as `category` when you create a lead. Any valid key; no scope needed.",
    response: { status: 200, description: "The categories, by name", schema: "CategoryList" },
    errors: {},
  },
  {
    method: "get",
    path: "/api/v1/leads",
    operationId: "listLeads",
    summary: "List leads",
    description: "A page of the tenant's leads, newest first. Follow `nextCursor` until it is null.",
    scope: "leads:read",
    query: ZListLeadsQuery,
    response: { status: 200, description: "A page of leads", schema: "LeadPage" },
    errors: { 400: "A filter or the cursor is not valid (the message names it)", 403: "The key lacks leads:read" },
  },
  {
    method: "post",
    path: "/api/v1/leads",
    operationId: "createLead",
    summary: "Create a lead (lead intake)",
    description:
      "Lead intake from web forms, marketplaces and imports. The lead is priced from the tenant's lead " +
      "category. Duplicates are refused with 409 and the existing lead's id in `error.details.existingLeadId`: " +
      "the same `externalId` at any time, or the same phone number (last 10 digits) or email within 24 hours. " +
      "Send an `Idempotency-Key` header to retry safely: a retry with the same key returns the original 201.",
    scope: "leads:write",
    body: ZCreateLeadBody,
    bodyExample: {
      category: "water_heater",
      source: "web",
      contact: { name: "Jordan Rivera", phone: "+1 512 555 0101", email: "jordan@example.com" },
      serviceAddress: { line1: "100 Congress Ave", city: "Austin", state: "TX", zip: "78701" },
      description: "Water heater leaking",
      externalId: "form-2291",
    },
    idempotent: true,
    response: { status: 201, description: "The lead as stored, with its price", schema: "Lead" },
    errors: {
      400: "A field is missing or not valid (the message names it)",
      403: "The key lacks leads:write",
      409: "Duplicate lead; `error.details.existingLeadId` is the lead already received",
    },
  },
  {
    method: "get",
    path: "/api/v1/leads/{id}",
    operationId: "getLead",
    summary: "Get a lead",
    scope: "leads:read",
    params: ZLeadIdParams,
    response: { status: 200, description: "The lead", schema: "Lead" },
    errors: { 403: "The key lacks leads:read", 404: "No lead with this id for the key's tenant" },
  },
  {
    method: "patch",
    path: "/api/v1/leads/{id}",
    operationId: "updateLead",
    summary: "Update a lead",
    description:
      "Change the status and/or contact fields. Status moves: new → contacted, qualified, won or lost; " +
      "contacted → qualified, won or lost; qualified → won or lost; lost → contacted; won is final.",
    scope: "leads:write",
    params: ZLeadIdParams,
    body: ZUpdateLeadBody,
    bodyExample: { status: "contacted", contact: { email: "jordan.rivera@example.com" } },
    idempotent: true,
    response: { status: 200, description: "The lead after the change", schema: "Lead" },
    errors: {
      400: "A field is not valid (the message names it)",
      403: "The key lacks leads:write",
      404: "No lead with this id for the key's tenant",
      422: "The status move is not allowed from the lead's current status",
    },
  },
  {
    method: "get",
    path: "/api/v1/usage",
    operationId: "getUsage",
    summary: "Get your API usage",
    description:
      "The key's own tenant's API requests by UTC day × route × method, at most 90 days; the current hour is live.",
    scope: "usage:read",
    query: ZUsageQuery,
    response: { status: 200, description: "Requests, errors, 429s and bytes by day and route", schema: "Usage" },
    errors: { 400: "A date is not valid or the window is longer than 90 days", 403: "The key lacks usage:read" },
  },
];

/** Reusable response shapes, referenced as `#/components/schemas/<name>`. */
const COMPONENTS: Record<string, z.ZodType> = {
  Lead: ZApiLead,
  LeadPage: ZLeadPage,
  CategoryList: ZCategoryList,
  Usage: ZUsage,
  Error: ZError,
};

function toJsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    target: "draft-2020-12",
    unrepresentable: "any",
  });
  return simplify(rest) as JsonSchema;
}

// A `format` already says what the long generated regex says; the reference reads better without it.
function simplify(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(simplify);
  if (!value || typeof value !== "object") return value;
  const entries = Object.entries(value).filter(([key]) => !(key === "pattern" && "format" in value));
  return Object.fromEntries(entries.map(([key, inner]) => [key, simplify(inner)]));
}

function tagOf(path: string): string {
  if (path.startsWith("/api/v1/leads") || path === "/api/v1/categories") return "Leads";
  return path === "/api/v1/usage" ? "Usage" : "Keys";
}

const refTo = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function parametersOf(endpoint: ApiEndpoint): JsonSchema[] {
  const parameters: JsonSchema[] = [];
  for (const [location, schema] of [
    ["path", endpoint.params],
    ["query", endpoint.query],
  ] as const) {
    if (!schema) continue;
    const json = toJsonSchema(schema, "input");
    const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((json.required ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      const { description, ...rest } = property;
      parameters.push({
        name,
        in: location,
        required: location === "path" || required.has(name),
        ...(typeof description === "string" ? { description } : {}),
        schema: rest,
      });
    }
  }
  if (endpoint.idempotent) {
    parameters.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description: "Any unique string (e.g. a UUID); a retry with the same key and body returns the first response",
      schema: { type: "string", maxLength: 255 },
    });
  }
  return parameters;
}

function operationOf(endpoint: ApiEndpoint): JsonSchema {
  const { response } = endpoint;
  const errorResponses = errorResponsesOf(endpoint);
  return {
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    ...(endpoint.description ? { description: endpoint.description } : {}),
    tags: [tagOf(endpoint.path)],
    security: [{ apiKey: endpoint.scope ? [endpoint.scope] : [] }],
    ...(endpoint.scope ? { "x-required-scope": endpoint.scope } : {}),
    parameters: parametersOf(endpoint),
    ...(endpoint.body
      ? {
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: toJsonSchema(endpoint.body, "input"),
                ...(endpoint.bodyExample ? { example: endpoint.bodyExample } : {}),
              },
            },
          },
        }
      : {}),
    responses: {
      [response.status]: {
        description: response.description,
        headers: successHeaders(endpoint),
        content: {
          "application/json": {
            schema:
              typeof response.schema === "string" ? refTo(response.schema) : toJsonSchema(response.schema, "output"),
          },
        },
      },
      ...errorResponses,
    },
  };
}

/** The OpenAPI 3.1 document of the public API, built from the routes' own zod schemas. */
export function buildOpenApiDocument(serverUrl: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const endpoint of API_ENDPOINTS) {
    paths[endpoint.path] ??= {};
    const path = paths[endpoint.path];
    if (path) path[endpoint.method] = operationOf(endpoint);
  }
  const scopes = Object.entries(API_KEY_SCOPE_DESCRIPTIONS)
    .map(([scope, description]) => `\`${scope}\`: ${description}`)
    .join("; ");
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Provider Portal tenant API",
      version: "1.0.0",
      license: { name: "Proprietary — for customers of the platform", identifier: "LicenseRef-Proprietary" },
      description:
        "Read and create your leads and read your API usage. Authenticate with an API key from Settings → API keys: " +
        `\`Authorization: Bearer <key>\`. Scopes — ${scopes}. Requests are limited per tenant (your plan's limit or ` +
        "your override); every response past authentication carries `RateLimit-Policy` and `RateLimit` headers, " +
        "every response an `X-Request-Id`. Errors are `{ error: { code, message, details?, requestId } }`; a method " +
        "a path does not serve is a 405 with `Allow`.",
    },
    servers: [{ url: serverUrl }],
    tags: [
      { name: "Leads", description: "Lead intake and your lead pipeline" },
      { name: "Usage", description: "Your own API usage" },
      { name: "Keys", description: "The key you call with" },
    ],
    paths,
    components: {
      headers: RESPONSE_HEADERS,
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: "An API key from Settings → API keys, sent as `Authorization: Bearer <key>`",
        },
      },
      schemas: Object.fromEntries(
        Object.entries(COMPONENTS).map(([name, schema]) => [name, toJsonSchema(schema, "output")]),
      ),
    },
  };
}
