import type { Actor } from "@pp/core/auth/actors";
import { isAppError } from "@pp/core/errors";
import { type Logger, rootLogger } from "@pp/core/logger";
import { errorResponse } from "./errors";
import { assertStorableUrl } from "./input";

export type RouteParams = Record<string, string | string[]>;

/** What Next.js passes a route handler as its second argument. */
export type RouteContext = { params: Promise<RouteParams> };

export type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;

/** What every handler and step can rely on; compose builds it before the first step runs. */
export type BaseContext = {
  request: Request;
  url: URL;
  method: string;
  /** The route template, e.g. "/api/provider/tenants/[id]": the same for every tenant and id. */
  route: string;
  requestId: string;
  /** A child of the root logger bound to this request's id and route. */
  log: Logger;
  params: RouteParams;
};

/** Added by nothing: the type of a step that only checks or wraps. */
export type Nothing = Record<never, never>;

/**
 * One link of the pipeline. It reads the context it `Needs`, and either returns a response
 * itself or calls `next` with the fields it `Adds` for the steps after it.
 */
export type Step<Needs, Adds = Nothing> = (ctx: Needs, next: (adds: Adds) => Promise<Response>) => Promise<Response>;

/** Later fields replace earlier ones of the same name (withInput's typed `params` replaces the raw ones). */
export type Merge<A, B> = Prettify<Omit<A, keyof B> & B>;
type Prettify<T> = { [K in keyof T]: T[K] } & {};

/** The context after every step has added its fields. */
export type ContextAfter<C, Steps extends readonly unknown[]> = Steps extends readonly [
  Step<never, infer Adds>,
  ...infer Rest,
]
  ? ContextAfter<Merge<C, Adds>, Rest>
  : C;

/**
 * Nothing when each step gets the context the steps before it built; otherwise a required
 * option whose type names the misplaced step, so the compiler error explains itself.
 */
export type CheckOrder<C, Steps extends readonly unknown[], Seen extends unknown[] = []> = Steps extends readonly [
  infer First,
  ...infer Rest,
]
  ? First extends Step<infer Needs, infer Adds>
    ? [C] extends [Needs]
      ? CheckOrder<Merge<C, Adds>, Rest, [...Seen, First]>
      : { stepOrderError: `step ${[...Seen, First]["length"]} needs ${Missing<C, Needs>} from an earlier step` }
    : Nothing
  : Nothing;

type Missing<C, Needs> = [Exclude<keyof Needs, keyof C>] extends [never]
  ? "context fields of another type"
  : `"${Extract<Exclude<keyof Needs, keyof C>, string>}"`;

export type Handler<C> = (ctx: C) => Promise<Response> | Response;

export type ComposeOptions = {
  /** The route template, logged and used for usage rows instead of the concrete path. */
  route: string;
  /** Defaults to the root logger; tests pass their own. */
  logger?: Logger;
};

// The runtime view of a step: its context is a plain record once the types have done their work.
type LooseContext = Record<string, unknown>;
type LooseStep = (ctx: LooseContext, next: (adds: LooseContext) => Promise<Response>) => Promise<Response>;
type LooseHandler = (ctx: LooseContext) => Promise<Response> | Response;

/**
 * `compose({ route }, ...steps)(handler)` → a Next.js route handler. The request context runs
 * first: request id, logger, params, error responses and one log line per request.
 */
export function compose<const Steps extends readonly Step<never, unknown>[]>(
  options: ComposeOptions & CheckOrder<BaseContext, Steps>,
  ...steps: Steps
): (handler: Handler<ContextAfter<BaseContext, Steps>>) => RouteHandler;
export function compose(options: ComposeOptions, ...steps: LooseStep[]) {
  return (handler: LooseHandler): RouteHandler =>
    (request, context) =>
      handleRequest({ options, steps, handler, request, context });
}

type Run = {
  options: ComposeOptions;
  steps: readonly LooseStep[];
  handler: LooseHandler;
  request: Request;
  context: RouteContext | undefined;
};

async function handleRequest({ options, steps, handler, request, context }: Run): Promise<Response> {
  const startedAt = performance.now();
  const logger = options.logger ?? rootLogger();
  const requestId = pickRequestId(request.headers.get("x-request-id"));
  const base: BaseContext = {
    request,
    url: new URL(request.url),
    method: request.method,
    route: options.route,
    requestId,
    log: lazyChildLogger(logger, { requestId, route: options.route }),
    params: {},
  };
  // The deepest context reached, so the log line can name the actor and tenant the steps found.
  let reached: LooseContext = base;
  const runFrom =
    (index: number) =>
    async (ctx: LooseContext): Promise<Response> => {
      reached = ctx;
      const step = steps[index];
      if (!step) return handler(ctx);
      return step(ctx, (adds) => runFrom(index + 1)({ ...ctx, ...adds }));
    };

  let response: Response;
  let failure: unknown;
  try {
    base.params = (await context?.params) ?? {};
    // Before any step: auth looks the slug up and filters read the query with SQL.
    assertStorableUrl(base.params, base.url);
    response = await runFrom(0)(base);
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    failure = error;
    response = errorResponse(error, requestId);
  }
  response = withHeader(response, "X-Request-Id", requestId);
  logRequest(logger, { reached, request, route: options.route, requestId, response, failure, startedAt });
  return response;
}

/**
 * The request's child logger, made on first use: most requests never log through it, and pino's
 * `child` (which runs the redaction over its bindings) cost more than the rest of the context.
 */
function lazyChildLogger(parent: Logger, bindings: Record<string, string>): Logger {
  let child: Logger | undefined;
  const made = () => {
    child ??= parent.child(bindings);
    return child;
  };
  return new Proxy(parent, {
    get(_target, property) {
      const target = made();
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
    set: (_target, property, value) => Reflect.set(made(), property, value),
    has: (_target, property) => Reflect.has(made(), property),
  });
}

const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Keeps a caller's id so traces join up across services; anything odd is replaced, never logged. */
export function pickRequestId(incoming: string | null): string {
  return incoming && SANE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
}

/** Sets a header even on responses whose headers are immutable (redirects, proxied fetches). */
function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}

// Next.js signals redirect()/notFound()/dynamic rendering by throwing errors with a `digest`; it must see them.
function isNextControlFlow(error: unknown): boolean {
  if (isAppError(error) || typeof error !== "object" || error === null || !("digest" in error)) return false;
  return typeof error.digest === "string";
}

type Completed = {
  reached: LooseContext;
  request: Request;
  route: string;
  requestId: string;
  response: Response;
  failure: unknown;
  startedAt: number;
};

function logRequest(logger: Logger, completed: Completed): void {
  const { reached, request, route, requestId, response, failure, startedAt } = completed;
  const actor = isActor(reached.actor) ? reached.actor : undefined;
  const tenantId = typeof reached.tenantId === "string" ? reached.tenantId : tenantOf(actor);
  const status = response.status;
  const line = {
    requestId,
    tenantId: tenantId ?? null,
    actor: actor ? describeActor(actor) : null,
    route,
    method: request.method,
    status,
    latencyMs: Math.round((performance.now() - startedAt) * 10) / 10,
    ...(isAppError(failure) ? { errorCode: failure.code } : {}),
    // Unknown errors keep their stack in the log (never query parameters); the response only carries the request id.
    ...(failure !== undefined && (!isAppError(failure) || failure.status >= 500) ? { err: failure } : {}),
  };
  const message = `${request.method} ${route} ${status}`;
  // A database refusal answered as 400 is still a schema missing a bound: operators should see it.
  const unknownFailure = failure !== undefined && !isAppError(failure);
  if (status >= 500 || unknownFailure) logger.error(line, message);
  else if (status >= 400) logger.warn(line, message);
  else if (isHealthProbe(route)) logger.debug(line, message);
  else logger.info(line, message);
}

/** Load balancers probe health every few seconds; a healthy answer is not news worth an info line. */
function isHealthProbe(route: string): boolean {
  return route === "/api/health" || route.startsWith("/api/health/");
}

function isActor(value: unknown): value is Actor {
  if (typeof value !== "object" || value === null || !("kind" in value)) return false;
  return value.kind === "staff" || value.kind === "member" || value.kind === "api_key";
}

function tenantOf(actor: Actor | undefined): string | undefined {
  return actor && actor.kind !== "staff" ? actor.tenantId : undefined;
}

/** "staff:<userId>", "member:<userId>" or "api_key:<apiKeyId>": who acted, without personal data. */
export function describeActor(actor: Actor): string {
  return actor.kind === "api_key" ? `api_key:${actor.apiKeyId}` : `${actor.kind}:${actor.userId}`;
}
