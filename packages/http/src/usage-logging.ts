import type { Actor } from "@pp/core/auth/actors";
import { type BaseContext, type compose, describeActor, type RouteHandler } from "./compose";
import { observeRequest } from "./metrics";

/** One api_usage row as usage logging builds it (the buffer adds the id). */
export type UsageRecord = {
  tenantId: string | null;
  apiKeyId: string | null;
  actor: string | null;
  app: "portal" | "tenant";
  route: string;
  method: string;
  status: number;
  bytes: number;
  durationMs: number;
  /** Epoch milliseconds when the request arrived. */
  at: number;
};

/** Where rows go: the in-process usage buffer. `add` must neither throw nor wait. */
export type UsageSink = { add(record: UsageRecord): unknown };

/** The deepest context the pipeline reached, as a plain record. */
export type ReachedContext = Partial<BaseContext> & Record<string, unknown>;

export type UsageLoggingOptions = {
  app: "portal" | "tenant";
  sink: UsageSink;
  /** The tenant the request is about; default: ctx.tenantId, else a member/API key actor's tenant. */
  tenantOf?: (ctx: ReachedContext) => string | null;
};

// On unless switched off; only the benchmark switches it, to compare the same routes with and without.
let loggingEnabled = true;

/** Turns usage logging on or off for every route in this process (benchmarks only). */
export function setUsageLoggingEnabled(enabled: boolean): void {
  loggingEnabled = enabled;
}

type Compose = typeof compose;
type LooseStep = (ctx: ReachedContext, next: (adds: Record<string, unknown>) => Promise<Response>) => Promise<Response>;
type LooseCompose = (
  options: { route: string },
  ...steps: LooseStep[]
) => (handler: (ctx: ReachedContext) => Promise<Response> | Response) => RouteHandler;

// Per request: the context each step saw, found again through the Request object compose passes down.
const probes = new WeakMap<Request, { ctx: ReachedContext | undefined }>();

const probe: LooseStep = (ctx, next) => {
  reportReachedContext(ctx);
  return next({});
};

/**
 * For a step that runs another inside itself (authenticate, then rate-limit): reports the richer
 * context it reached, so a request refused there (a 429) is still logged under its tenant and key.
 */
export function reportReachedContext(ctx: ReachedContext): void {
  const seen = ctx.request ? probes.get(ctx.request) : undefined;
  if (seen) seen.ctx = ctx;
}

/**
 * Usage logging for every route of an app: `compose` wrapped so that each route it builds records
 * one row per request (route template, method, status, bytes, duration, tenant, actor, API key)
 * into `sink`. The request never waits for the database: the row is handed to the buffer when the
 * handler has returned (a JSON body, already whole in memory, is measured then), or — for a streamed
 * body of unknown length, e.g. a CSV export — when the body has been sent.
 */
export function withUsageLogging(baseCompose: Compose, options: UsageLoggingOptions): Compose {
  const loose = baseCompose as unknown as LooseCompose;
  const wrapped: LooseCompose =
    (composeOptions, ...steps) =>
    (handler) => {
      // A probe before every step and before the handler, so errors thrown mid-pipeline still know who called.
      const probed = steps.flatMap((step) => [probe, step]);
      const route = loose(composeOptions, ...probed, probe)(handler);
      const plain = loose(composeOptions, ...steps)(handler);
      return (request, context) => {
        if (!loggingEnabled) return plain(request, context);
        return logged({ route, request, context, template: composeOptions.route, options });
      };
    };
  return wrapped as unknown as Compose;
}

type Logged = {
  route: RouteHandler;
  request: Request;
  context: Parameters<RouteHandler>[1];
  template: string;
  options: UsageLoggingOptions;
};

async function logged({ route, request, context, template, options }: Logged): Promise<Response> {
  const at = Date.now();
  const startedAt = performance.now();
  const seen: { ctx: ReachedContext | undefined } = { ctx: undefined };
  probes.set(request, seen);
  const response = await route(request, context);
  const durationMs = Math.round(performance.now() - startedAt);
  try {
    observeRequest({ app: options.app, route: template, method: request.method, status: response.status, durationMs });
  } catch {
    // Metrics never fail a request.
  }
  const record = (bytes: number) => {
    try {
      options.sink.add(
        buildRecord({ ctx: seen.ctx, request, template, options, status: response.status, bytes, durationMs, at }),
      );
    } catch {
      // Logging never fails a request.
    }
  };
  const length = response.headers.get("content-length");
  if (response.body === null) {
    record(0);
    return response;
  }
  if (length !== null && /^\d+$/.test(length)) {
    record(Number(length));
    return response;
  }
  if (isJson(response.headers.get("content-type"))) return bufferedJson(response, record);
  return countingBody(response, record);
}

function isJson(contentType: string | null): boolean {
  return contentType !== null && /^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType);
}

/**
 * A JSON body already sits whole in memory (Response.json serialized it), so reading it here costs
 * nothing extra and is far cheaper than a counting stream; the copy carries the same bytes.
 */
async function bufferedJson(response: Response, done: (bytes: number) => void): Promise<Response> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  done(bytes.byteLength);
  return new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** The same response, its body counted as it streams; `done` gets the byte count at the end or on cancel. */
function countingBody(response: Response, done: (bytes: number) => void): Response {
  const body = response.body;
  if (!body) return response;
  let bytes = 0;
  let reported = false;
  const report = () => {
    if (reported) return;
    reported = true;
    done(bytes);
  };
  const reader = body.getReader();
  const counted = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          report();
          controller.close();
          return;
        }
        bytes += value.byteLength;
        controller.enqueue(value);
      } catch (error) {
        report();
        controller.error(error);
      }
    },
    cancel(reason) {
      report();
      return reader.cancel(reason);
    },
  });
  try {
    return new Response(counted, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  } catch {
    report();
    return response;
  }
}

type Build = {
  ctx: ReachedContext | undefined;
  request: Request;
  template: string;
  options: UsageLoggingOptions;
  status: number;
  bytes: number;
  durationMs: number;
  at: number;
};

function buildRecord({ ctx, request, template, options, status, bytes, durationMs, at }: Build): UsageRecord {
  const reached: ReachedContext = ctx ?? {};
  const actor = isActor(reached.actor) ? reached.actor : undefined;
  const tenantId = (options.tenantOf ?? defaultTenantOf)(reached);
  return {
    tenantId: tenantId && UUID.test(tenantId) ? tenantId : null,
    apiKeyId: actor?.kind === "api_key" ? actor.apiKeyId : null,
    actor: actor ? describeActor(actor) : null,
    app: options.app,
    route: template,
    method: request.method,
    status,
    bytes,
    durationMs,
    at,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** ctx.tenantId (tenant and API key auth set it), else the actor's own tenant. */
export function defaultTenantOf(ctx: ReachedContext): string | null {
  if (typeof ctx.tenantId === "string") return ctx.tenantId;
  const actor = isActor(ctx.actor) ? ctx.actor : undefined;
  return actor && actor.kind !== "staff" ? actor.tenantId : null;
}

/**
 * The portal's rule: the tenant the request is about — a `tenantId` in the parsed params, query or
 * body, or the `[id]` of a `/tenants/[id]` route — else null (the staff actor is still recorded).
 */
export function portalTenantOf(ctx: ReachedContext): string | null {
  const direct = defaultTenantOf(ctx);
  if (direct) return direct;
  for (const source of [ctx.params, ctx.query, ctx.body]) {
    const value = fieldOf(source, "tenantId");
    if (value) return value;
  }
  if (typeof ctx.route === "string" && /\/tenants\/\[id\]/.test(ctx.route)) return fieldOf(ctx.params, "id");
  return null;
}

function fieldOf(source: unknown, key: string): string | null {
  if (typeof source !== "object" || source === null || !(key in source)) return null;
  const value = (source as Record<string, unknown>)[key];
  return typeof value === "string" ? value : null;
}

function isActor(value: unknown): value is Actor {
  if (typeof value !== "object" || value === null || !("kind" in value)) return false;
  return value.kind === "staff" || value.kind === "member" || value.kind === "api_key";
}
