import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./index";

describe("parseEnv", () => {
  it("names every bad variable and points at .env.example", () => {
    const attempt = () => parseEnv({ DATABASE_URL: "mysql://x", PORTAL_PORT: "99999", AUTH_SECRET: "short" });
    expect(attempt).toThrow(EnvError);
    expect(attempt).toThrow(/DATABASE_URL/);
    expect(attempt).toThrow(/PORTAL_PORT/);
    expect(attempt).toThrow(/AUTH_SECRET: must be at least 32 characters/);
    expect(attempt).toThrow(/\.env\.example/);
  });

  it("accepts the runbook's NEXTAUTH_SECRET in place of AUTH_SECRET and fills defaults", () => {
    const env = parseEnv({
      NEXTAUTH_SECRET: "x".repeat(40),
      DATABASE_URL: "postgres://u@h:5432/db",
      EMAIL_SMTP_URL: "",
    });
    expect(env.authSecret).toBe("x".repeat(40));
    expect(env.portalUrl).toBe("http://localhost:3000");
    expect(env.tenantAppUrl).toBe("http://localhost:3001");
    expect(env.EMAIL_SMTP_URL).toBeUndefined();
    expect(env.DATABASE_POOL_SIZE).toBe(10);
  });

  it("runs background jobs by default except under tests, and JOBS_ENABLED decides when set", () => {
    const base = { DATABASE_URL: "postgres://u@h:5432/db" };
    expect(parseEnv({ ...base, NODE_ENV: "production" }).jobsEnabled).toBe(true);
    expect(parseEnv({ ...base, NODE_ENV: "test" }).jobsEnabled).toBe(false);
    expect(parseEnv({ ...base, NODE_ENV: "production", JOBS_ENABLED: "false" }).jobsEnabled).toBe(false);
    expect(parseEnv({ ...base, NODE_ENV: "test", JOBS_ENABLED: "1" }).jobsEnabled).toBe(true);
    expect(() => parseEnv({ ...base, JOBS_ENABLED: "yes" })).toThrow(/JOBS_ENABLED/);
  });
});

describe("Stripe settings", () => {
  it("are off without STRIPE_SECRET_KEY, and STRIPE_API_BASE becomes the SDK's host, port and protocol", () => {
    expect(parseEnv({}).stripe).toBeNull();
    const stripe = parseEnv({
      STRIPE_SECRET_KEY: "sk_test_123",
      STRIPE_WEBHOOK_SECRET: "whsec_abc",
      STRIPE_API_BASE: "http://127.0.0.1:12111",
    }).stripe;
    expect(stripe).toEqual({
      secretKey: "sk_test_123",
      webhookSecret: "whsec_abc",
      api: { host: "127.0.0.1", port: 12111, protocol: "http" },
    });
    expect(parseEnv({ STRIPE_SECRET_KEY: "sk_live_x" }).stripe?.api).toBeUndefined();
    expect(() => parseEnv({ STRIPE_SECRET_KEY: "pk_test_x" })).toThrow(/STRIPE_SECRET_KEY/);
  });
});
