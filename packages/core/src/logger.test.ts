import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";
import { captureLogs } from "./testing";

describe("createLogger", () => {
  it("redacts secrets at the top level and nested", () => {
    const { logger, lines } = captureLogs();
    logger.info(
      {
        password: "hunter2",
        headers: { authorization: "Bearer abc", cookie: "session=1", "set-cookie": "session=2" },
        body: { oidc: { clientSecret: "s3", apiKey: "k", token: "t", config: { secret: "deep" } } },
        safe: "visible",
      },
      "hello",
    );
    const text = JSON.stringify(lines);
    for (const secret of ["hunter2", "Bearer abc", "session=1", "session=2", "s3", '"k"', '"t"', "deep"]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain("visible");
    expect(lines[0]?.level).toBe("info");
  });

  it("redacts secrets bound on a child logger", () => {
    const { logger, lines } = captureLogs();
    logger.child({ token: "child-token" }).warn("x");
    expect(JSON.stringify(lines)).not.toContain("child-token");
  });

  it("names the app on every line when the process serves one", () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({
      app: "tenant",
      level: "info",
      destination: { write: (chunk: string) => void lines.push(JSON.parse(chunk)) },
    });
    logger.child({ requestId: "r-1" }).info("GET /api/v1/leads 200");
    expect(lines[0]).toMatchObject({ app: "tenant", requestId: "r-1" });
  });
});
