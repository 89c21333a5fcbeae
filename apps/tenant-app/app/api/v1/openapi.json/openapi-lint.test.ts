import { createConfig, lintFromString } from "@redocly/openapi-core";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../openapi";

/**
 * Redocly's recommended rules, plus the contract promises this API makes: every operation
 * declares its 4xx answers and a default, every response names `X-Request-Id`, and every 429
 * names `Retry-After` and the RateLimit headers.
 */
const RULES = {
  extends: ["recommended-strict"],
  rules: {
    "operation-4xx-response": "error",
    "operation-2xx-response": "error",
    "operation-4xx-problem-details-rfc7807": "off",
    "no-server-example.com": "error",
    "security-defined": "error",
    "rule/response-headers-declared": {
      subject: { type: "Response" },
      assertions: { required: ["headers"] },
      message: "Every response documents its headers (at least X-Request-Id)",
      severity: "error",
    },
    "rule/request-id-on-every-response": {
      subject: { type: "HeadersMap" },
      assertions: { required: ["X-Request-Id"] },
      message: "Every response documents X-Request-Id",
      severity: "error",
    },
    "rule/retry-after-on-429": {
      subject: { type: "HeadersMap" },
      where: [{ subject: { type: "Response", filterInParentKeys: ["429"] }, assertions: { defined: true } }],
      assertions: { required: ["Retry-After", "RateLimit", "RateLimit-Policy"] },
      message: "A 429 documents Retry-After and the RateLimit headers",
      severity: "error",
    },
    "rule/default-error": {
      subject: { type: "Responses" },
      assertions: { required: ["default"] },
      message: "Every operation declares a default error response",
      severity: "error",
    },
  },
};

// A production-like origin: Redocly rightly refuses localhost as a documented server.
const SERVER = "https://app.tradedesk.io";

describe("the OpenAPI document under Redocly's linter", () => {
  it("has no problems under recommended-strict and the header and 4xx rules", async () => {
    const config = await createConfig(RULES as never);
    const source = JSON.stringify(buildOpenApiDocument(SERVER));
    const problems = await lintFromString({ source, absoluteRef: "openapi.json", config });
    const described = problems.map(
      (problem) => `${problem.severity} ${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer ?? ""}`,
    );
    expect(described).toEqual([]);
  });

  it("fails a document that drops a 429's Retry-After (the rules bite)", async () => {
    const config = await createConfig(RULES as never);
    const document = buildOpenApiDocument(SERVER) as {
      paths: Record<string, Record<string, { responses: Record<string, { headers: Record<string, unknown> }> }>>;
    };
    delete document.paths["/api/v1/me"]?.get?.responses["429"]?.headers["Retry-After"];
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: "openapi.json", config });
    expect(problems.map((problem) => problem.ruleId)).toContain("rule/retry-after-on-429");
  });
});
