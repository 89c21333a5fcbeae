import { createHash } from "node:crypto";
import type { Actor } from "@pp/core/auth/actors";
import { AppError, isAppError } from "@pp/core/errors";
import { clientIp } from "@pp/core/net/client-ip";
import { db } from "@pp/db";
import { idempotencyKeys } from "@pp/db/schema";
import { and, eq, sql } from "drizzle-orm";
import { canonicalJson, DEFAULT_MAX_BODY_BYTES, hasBodyMethod, readBodyText } from "./body";
import { type BaseContext, describeActor, type Step } from "./compose";
import { errorResponse } from "./errors";

export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
export const REPLAYED_HEADER = "Idempotent-Replayed";

const DAY_MS = 24 * 60 * 60 * 1000;
const VALID_KEY = /^[\x20-\x7E]{1,255}$/;

export type IdempotencyOptions = {
  /** How long a stored response is replayed; 24 h. */
  ttlMs?: number;
  /** An unfinished request older than this is presumed crashed and its key may run again; 5 min. */
  inFlightTimeoutMs?: number;
  maxBytes?: number;
};

type IdempotencyContext = BaseContext & { actor?: Actor };

/**
 * `Idempotency-Key` on writes: the first request runs, a retry with the same key and request
 * gets the stored response back, a different request under the same key is refused.
 */
export function withIdempotency(options: IdempotencyOptions = {}): Step<IdempotencyContext> {
  const ttlMs = options.ttlMs ?? DAY_MS;
  const inFlightTimeoutMs = options.inFlightTimeoutMs ?? 5 * 60 * 1000;
  return async (ctx, next) => {
    if (!hasBodyMethod(ctx.method)) return next({});
    const key = idempotencyKeyOf(ctx.request);
    if (key === null) return next({});

    const attempt: Attempt = {
      scope: scopeOf(ctx),
      key,
      route: ctx.route,
      requestHash: await hashRequest(ctx, options.maxBytes ?? DEFAULT_MAX_BODY_BYTES),
    };
    const claimId = await claimOrReplay(attempt, { ttlMs, inFlightTimeoutMs });
    if (claimId instanceof Response) return claimId;
    return runAndStore(ctx, claimId, () => next({}));
  };
}

type Attempt = { scope: string; key: string; route: string; requestHash: string };

function idempotencyKeyOf(request: Request): string | null {
  const key = request.headers.get(IDEMPOTENCY_KEY_HEADER);
  if (key === null) return null;
  if (!VALID_KEY.test(key)) {
    const message = "must be 1–255 printable ASCII characters";
    throw new AppError("validation_failed", `Invalid header "${IDEMPOTENCY_KEY_HEADER}": ${message}`, {
      details: [{ path: IDEMPOTENCY_KEY_HEADER, message }],
    });
  }
  return key;
}

/** Keys belong to whoever sent them; without an actor (public forms) the client address stands in. */
function scopeOf(ctx: IdempotencyContext): string {
  if (ctx.actor) return describeActor(ctx.actor);
  return `ip:${clientIp(ctx.request) ?? "unknown"}`;
}

// The concrete path, not only the template: the same key on /tenants/a and /tenants/b is not a retry.
async function hashRequest(ctx: IdempotencyContext, maxBytes: number): Promise<string> {
  const text = await readBodyText(ctx.request, maxBytes);
  const body = canonicalBody(text);
  const target = `${ctx.url.pathname}${ctx.url.search}`;
  return createHash("sha256").update(`${ctx.method}\n${target}\n${body}`).digest("hex");
}

/** Key order and whitespace do not make a different request. */
function canonicalBody(text: string): string {
  if (text.trim() === "") return "";
  try {
    return canonicalJson(JSON.parse(text));
  } catch {
    return text;
  }
}

type Timing = { ttlMs: number; inFlightTimeoutMs: number };

const MAX_CLAIM_ATTEMPTS = 3;

/** The id of the row this request now owns, or the response a repeat of the key gets. */
async function claimOrReplay(attempt: Attempt, timing: Timing): Promise<string | Response> {
  for (let tries = 0; tries < MAX_CLAIM_ATTEMPTS; tries++) {
    const claimed = await claimKey(attempt, timing);
    if (claimed) return claimed;
    const [existing] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, attempt.scope), eq(idempotencyKeys.key, attempt.key)));
    // Released (5xx) between our insert and this read: try to claim it again.
    if (!existing) continue;
    if (existing.requestHash !== attempt.requestHash) throw new AppError("idempotency_mismatch");
    if (existing.responseStatus === null) {
      throw new AppError("conflict", "A request with this Idempotency-Key is still being processed");
    }
    return replay(existing.responseStatus, existing.responseBody);
  }
  throw new AppError("conflict", "A request with this Idempotency-Key is still being processed");
}

/**
 * One statement, so two concurrent requests cannot both win: insert the key, or take over a row
 * that has expired or whose request never finished. A new id marks the new owner.
 */
async function claimKey(attempt: Attempt, { ttlMs, inFlightTimeoutMs }: Timing): Promise<string | undefined> {
  const expiresAt = sql`now() + make_interval(secs => ${ttlMs / 1000})`;
  const [row] = await db
    .insert(idempotencyKeys)
    .values({ ...attempt, expiresAt })
    .onConflictDoUpdate({
      target: [idempotencyKeys.scope, idempotencyKeys.key],
      set: {
        id: crypto.randomUUID(),
        route: attempt.route,
        requestHash: attempt.requestHash,
        responseStatus: null,
        responseBody: null,
        createdAt: sql`now()`,
        expiresAt,
      },
      setWhere: sql`${idempotencyKeys.expiresAt} <= now() or (${idempotencyKeys.responseStatus} is null and ${idempotencyKeys.createdAt} <= now() - make_interval(secs => ${inFlightTimeoutMs / 1000}))`,
    })
    .returning({ id: idempotencyKeys.id });
  return row?.id;
}

function replay(status: number, body: unknown): Response {
  const headers = { [REPLAYED_HEADER]: "true" };
  if (body === null || body === undefined) return new Response(null, { status, headers });
  return Response.json(body, { status, headers });
}

// 5xx and 429 are about the moment, not the request: the client's retry must run for real.
function isReplayable(status: number): boolean {
  return status < 500 && status !== 429;
}

async function runAndStore(ctx: IdempotencyContext, claimId: string, run: () => Promise<Response>): Promise<Response> {
  let response: Response;
  try {
    response = await run();
  } catch (error) {
    if (!isAppError(error) || !isReplayable(error.status)) {
      await release(ctx, claimId);
      throw error;
    }
    response = errorResponse(error, ctx.requestId);
  }
  const body = isReplayable(response.status) ? await storableBody(response) : NOT_STORABLE;
  if (body === NOT_STORABLE) {
    await release(ctx, claimId);
    return response;
  }
  await store(ctx, claimId, response.status, body);
  return response;
}

const NOT_STORABLE = Symbol("not storable");

/** The JSON body (null when empty); other bodies (files, streams) are not kept. */
async function storableBody(response: Response): Promise<unknown> {
  const text = await response.clone().text();
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return NOT_STORABLE;
  }
}

async function store(ctx: IdempotencyContext, claimId: string, status: number, body: unknown): Promise<void> {
  try {
    await db
      .update(idempotencyKeys)
      .set({ responseStatus: status, responseBody: body })
      .where(eq(idempotencyKeys.id, claimId));
  } catch (error) {
    // The work is done; failing the response now would invite a second run. The key times out instead.
    ctx.log.warn({ err: error }, "could not store the idempotent response");
  }
}

async function release(ctx: IdempotencyContext, claimId: string): Promise<void> {
  try {
    await db.delete(idempotencyKeys).where(eq(idempotencyKeys.id, claimId));
  } catch (error) {
    ctx.log.warn({ err: error }, "could not release the idempotency key");
  }
}
