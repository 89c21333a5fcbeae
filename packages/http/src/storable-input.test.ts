import { captureLogs } from "@pp/core/testing";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type BaseContext, compose, type Step } from "./compose";
import { UNSTORABLE_VALUE_MESSAGE } from "./errors";
import { withInput, withStorableBody } from "./input";
import { json } from "./respond";
import { callRoute, testRequest } from "./testing";

const ZNote = z.object({ customer: z.object({ name: z.string() }), tags: z.array(z.string()).optional() });

/** A step standing in for authentication: it records whether the request got that far. */
function reached(seen: string[]): Step<BaseContext> {
  return (ctx, next) => {
    seen.push(ctx.url.pathname);
    return next({});
  };
}

function noteRoute(seen: string[] = []) {
  const { logger } = captureLogs();
  return compose(
    { route: "/api/t/[slug]/notes", logger },
    reached(seen),
    withInput({ body: ZNote }),
  )((ctx) => json(ctx.body));
}

async function errorOf(response: Response) {
  return { status: response.status, ...(await response.json()).error };
}

const post = (body: string, path = "/api/t/acme/notes") =>
  testRequest(path, { method: "POST", headers: { "content-type": "application/json" }, body });

describe("values PostgreSQL cannot hold are refused in the input step, naming the field", () => {
  it("NUL inside a nested string: 400 on customer.name", async () => {
    const response = await callRoute(noteRoute(), post('{"customer":{"name":"a\\u0000b"}}'), { slug: "acme" });
    expect(await errorOf(response)).toMatchObject({
      status: 400,
      code: "validation_failed",
      message: 'Invalid field "customer.name": must not contain NUL characters (U+0000) or unpaired UTF-16 surrogates',
    });
  });

  it("a lone surrogate in an array item: 400 on tags.1", async () => {
    const response = await callRoute(noteRoute(), post('{"customer":{"name":"Ada"},"tags":["ok","\\ud800"]}'), {
      slug: "acme",
    });
    expect((await errorOf(response)).details).toEqual([
      { path: "tags.1", message: "must not contain NUL characters (U+0000) or unpaired UTF-16 surrogates" },
    ]);
  });

  it("keeps a well-formed surrogate pair (an emoji)", async () => {
    const response = await callRoute(noteRoute(), post('{"customer":{"name":"Ada \\ud83d\\ude00"}}'), { slug: "acme" });
    expect(response.status).toBe(200);
    expect((await response.json()).customer.name).toBe("Ada 😀");
  });

  it("a key with NUL, even one the schema would drop: 400", async () => {
    const response = await callRoute(noteRoute(), post('{"customer":{"name":"Ada"},"x\\u0000":1}'), { slug: "acme" });
    expect((await errorOf(response)).status).toBe(400);
  });

  it("JSON nested 33 levels deep: 400; 10,001 fields: 413", async () => {
    const deep = `{"customer":{"name":"Ada"},"extra":${"[".repeat(33)}${"]".repeat(33)}}`;
    expect((await errorOf(await callRoute(noteRoute(), post(deep), { slug: "acme" }))).status).toBe(400);
    const wide = JSON.stringify({
      customer: { name: "Ada" },
      extra: Object.fromEntries(Array.from({ length: 10_001 }, (_, index) => [`k${index}`, 1])),
    });
    const response = await callRoute(noteRoute(), post(wide), { slug: "acme" });
    expect(await errorOf(response)).toMatchObject({ status: 413, code: "payload_too_large" });
  });

  it("?search=%00 and a NUL path param: 400 before any step (authentication looks the slug up)", async () => {
    const seen: string[] = [];
    const query = await callRoute(
      noteRoute(seen),
      post('{"customer":{"name":"Ada"}}', "/api/t/acme/notes?search=%00"),
      {
        slug: "acme",
      },
    );
    expect(await errorOf(query)).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^Invalid query parameter "search": /),
    });
    const param = await callRoute(noteRoute(seen), post('{"customer":{"name":"Ada"}}', "/api/t/%00/notes"), {
      slug: "\u0000",
    });
    expect(await errorOf(param)).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^Invalid path parameter "slug": /),
    });
    expect(seen).toEqual([]);
  });
});

describe("withStorableBody (routes that hand the request to a library)", () => {
  const route = () => {
    const { logger } = captureLogs();
    return compose(
      { route: "/api/auth/[...all]", logger },
      withStorableBody(),
    )(async (ctx) => json({ read: await ctx.request.json() }));
  };

  it("refuses NUL in the body and leaves a clean body readable by the library", async () => {
    expect((await callRoute(route(), post('{"email":"a\\u0000@b.test"}'))).status).toBe(400);
    const ok = await callRoute(route(), post('{"email":"a@b.test"}'));
    expect(await ok.json()).toEqual({ read: { email: "a@b.test" } });
  });
});

describe("the log line of a failed query", () => {
  function failingQuery(code: string): Error {
    const cause = new pg.DatabaseError('invalid input: "jane@example.test"', 0, "error");
    cause.code = code;
    cause.detail = "Key (email)=(jane@example.test) already exists.";
    cause.constraint = code === "23505" ? "users_email_key" : undefined;
    return Object.assign(
      new Error('Failed query: insert into "users" ("email") values ($1)\nparams: jane@example.test', { cause }),
      { query: 'insert into "users" ("email") values ($1)', params: ["jane@example.test"] },
    );
  }

  function failingRoute(code: string) {
    const capture = captureLogs();
    const handler = compose({ route: "/api/users", logger: capture.logger })(() => {
      throw failingQuery(code);
    });
    return { handler, lines: capture.lines };
  }

  it("names the query and PostgreSQL's code and constraint, never the parameters or the detail", async () => {
    const { handler, lines } = failingRoute("23505");
    const response = await callRoute(handler, testRequest("/api/users", { method: "POST" }));
    expect(response.status).toBe(500);
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain("jane@example.test");
    expect(lines.at(-1)?.err).toMatchObject({
      query: 'insert into "users" ("email") values ($1)',
      code: "23505",
      constraint: "users_email_key",
    });
  });

  it("a value PostgreSQL refused (22P05) that no schema caught is a 400, logged as an error", async () => {
    const { handler, lines } = failingRoute("22P05");
    const response = await callRoute(handler, testRequest("/api/users", { method: "POST" }));
    expect(await errorOf(response)).toMatchObject({ status: 400, message: UNSTORABLE_VALUE_MESSAGE });
    expect(lines.at(-1)).toMatchObject({ level: "error", status: 400 });
    expect(JSON.stringify(lines)).not.toContain("jane@example.test");
  });
});
