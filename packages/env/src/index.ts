import { isIP } from "node:net";
import { z } from "zod";

// The one place that reads process.env. Every app, script and package asks here.
const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === "" ? undefined : value));

const flag = optionalString.pipe(z.enum(["true", "false", "1", "0"]).optional());
const isOn = (value: string | undefined) => value === "true" || value === "1";

/** "203.0.113.7" or "10.0.0.0/8" or "2001:db8::/32". */
function isCidr(value: string): boolean {
  const [address = "", prefix, extra] = value.split("/");
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  EMBEDDED_PG_PORT: port(54329),
  DATA_DIR: z.string().default(".data"),
  AUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  NEXTAUTH_SECRET: optionalString,
  ENCRYPTION_KEYS: optionalString,
  REDIS_URL: optionalString.pipe(z.url({ protocol: /^rediss?$/ }).optional()),
  EMAIL_SMTP_URL: optionalString.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  EMAIL_FROM: z.string().default("Provider Portal <no-reply@provider-portal.local>"),
  PORTAL_PORT: port(3000),
  TENANT_APP_PORT: port(3001),
  PORTAL_URL: optionalString.pipe(z.url().optional()),
  TENANT_APP_URL: optionalString.pipe(z.url().optional()),
  TENANT_BASE_DOMAIN: optionalString,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  USAGE_RAW_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // How long the public API may answer from an API key it looked up instead of asking the database.
  // 0 (default) → every request asks, so a revocation or suspension anywhere counts at once; above 0,
  // another process (the portal, another instance) sees a revocation within this many milliseconds.
  API_KEY_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
  // On SIGTERM/SIGINT an app stops accepting, drains in-flight requests, flushes usage rows and API-key
  // last-used times, stops its jobs and closes its pools; past this many milliseconds it exits anyway (code 1).
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  // Background jobs (pg-boss) in the portal process; unset → on, except when NODE_ENV=test.
  JOBS_ENABLED: optionalString.pipe(z.enum(["true", "false", "1", "0"]).optional()),
  // Bearer token /api/metrics asks for; unset → open outside production, disabled (404) in production.
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  // Comma-separated addresses/CIDRs of the reverse proxies in front of the apps. Only a request whose
  // socket comes from one of them has its X-Forwarded-For believed; unset → none: the socket address is the client.
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().refine(isCidr, "must be IP addresses or CIDRs like 10.0.0.0/8, comma-separated"))),
  // Development only: let server-side fetches of staff-entered URLs (SSO issuer, calendar feed, SMTP)
  // reach this machine (loopback). Private and link-local targets stay refused either way.
  OUTBOUND_ALLOW_LOOPBACK: flag,
  // The DNS server ("host" or "host:port") that checks SSO domain ownership TXT records; unset → the system's.
  SSO_DNS_SERVER: optionalString,
  // Intuit's OAuth 2.0 endpoints for "Connect QuickBooks"; overridden only to point tests at a local stand-in.
  QUICKBOOKS_AUTHORIZE_URL: z.url().default("https://appcenter.intuit.com/connect/oauth2"),
  QUICKBOOKS_TOKEN_URL: z.url().default("https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer"),
  // Card payments through Stripe: all of it is off unless STRIPE_SECRET_KEY is set (docs/payments.md).
  STRIPE_SECRET_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^(sk|rk)_/, "must be a Stripe secret key (sk_…)")
      .optional(),
  ),
  STRIPE_WEBHOOK_SECRET: optionalString.pipe(
    z
      .string()
      .regex(/^whsec_/, "must be a webhook signing secret (whsec_…)")
      .optional(),
  ),
  // Where the Stripe SDK sends its requests; overridden only to point tests at the local stand-in.
  STRIPE_API_BASE: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  // Who issues the invoices (printed on every invoice in both apps) and how clients pay them.
  ISSUER_NAME: z.string().trim().min(1).max(120).default("Provider Portal"),
  ISSUER_ADDRESS: optionalString.pipe(z.string().max(300).optional()),
  ISSUER_EMAIL: optionalString.pipe(z.email("must be an email address").optional()),
  ISSUER_PHONE: optionalString.pipe(z.string().max(40).optional()),
  ISSUER_TAX_ID: optionalString.pipe(z.string().max(40).optional()),
  ISSUER_PAYMENT_INSTRUCTIONS: z
    .string()
    .trim()
    .min(1)
    .max(600)
    .default("Pay by bank transfer or check by the due date."),
});

export type Env = z.infer<typeof ZEnv> & {
  portalUrl: string;
  tenantAppUrl: string;
  authSecret: string | undefined;
  /** JOBS_ENABLED, defaulting to on outside tests. */
  jobsEnabled: boolean;
  /** OUTBOUND_ALLOW_LOOPBACK: off unless set. */
  outboundAllowLoopback: boolean;
  /** Stripe card payments, or null when STRIPE_SECRET_KEY is unset (the product then takes no cards). */
  stripe: StripeSettings | null;
};

export type StripeSettings = {
  secretKey: string;
  webhookSecret: string | undefined;
  /** The SDK's host/port/protocol, from STRIPE_API_BASE (unset: Stripe's own API). */
  api: { host: string; port: number; protocol: "http" | "https" } | undefined;
};

function stripeSettings(env: z.infer<typeof ZEnv>): StripeSettings | null {
  if (!env.STRIPE_SECRET_KEY) return null;
  const base = env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE) : undefined;
  const protocol = base?.protocol === "http:" ? "http" : "https";
  return {
    secretKey: env.STRIPE_SECRET_KEY,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    api: base && {
      host: base.hostname,
      port: base.port ? Number(base.port) : protocol === "http" ? 80 : 443,
      protocol,
    },
  };
}

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = ZEnv.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment:\n${problems.join("\n")}\nSee .env.example for every variable.`);
  }
  const env = parsed.data;
  return {
    ...env,
    portalUrl: env.PORTAL_URL ?? `http://localhost:${env.PORTAL_PORT}`,
    tenantAppUrl: env.TENANT_APP_URL ?? `http://localhost:${env.TENANT_APP_PORT}`,
    authSecret: env.AUTH_SECRET ?? env.NEXTAUTH_SECRET,
    jobsEnabled: env.JOBS_ENABLED === undefined ? env.NODE_ENV !== "test" : ["true", "1"].includes(env.JOBS_ENABLED),
    outboundAllowLoopback: isOn(env.OUTBOUND_ALLOW_LOOPBACK),
    stripe: stripeSettings(env),
  };
}

let cached: Env | undefined;

/** The validated environment of this process, parsed once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Drops the cached copy; tests and the launcher call this after changing process.env. */
export function resetEnv(): void {
  cached = undefined;
}
