// npm run seed:test-tenant [-- --json --name "…" --slug … --trade plumbing|electrical|hvac]
// Creates (or finds again) the runbook §9 test tenant and prints how to sign in as its owner.
import { closeDb, db } from "@pp/db";
import { seedTestTenant } from "@pp/db/factories";
import { TRADES } from "@pp/db/schema";
import { openProductDatabase } from "./lib/database";
import { parseFlags, runCli, UsageError } from "./lib/seed-cli";

const USAGE = `Usage: npm run seed:test-tenant -- [--json] [--name "Test Plumbing Co"] [--slug test-plumbing-co] [--trade plumbing|electrical|hvac]`;

function isTrade(value: string): value is (typeof TRADES)[number] {
  return (TRADES as readonly string[]).includes(value);
}

async function main() {
  const flags = parseFlags(process.argv.slice(2), {
    json: { type: "boolean" },
    name: { type: "string" },
    slug: { type: "string" },
    trade: { type: "string" },
  });
  if (flags.trade !== undefined && !isTrade(flags.trade)) {
    throw new UsageError(`--trade must be one of ${TRADES.join(", ")}, got "${flags.trade}"`);
  }
  if (flags.slug !== undefined && !/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/.test(flags.slug)) {
    throw new UsageError(`--slug must be lower-case letters, digits and dashes (max 64), got "${flags.slug}"`);
  }
  if (flags.name !== undefined && flags.name.trim() === "") throw new UsageError("--name must not be empty");
  const database = await openProductDatabase({ log: () => {} });
  try {
    const result = await seedTestTenant(db, {
      name: flags.name,
      slug: flags.slug,
      trade: flags.trade !== undefined && isTrade(flags.trade) ? flags.trade : undefined,
    });
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return;
    }
    const lines = [
      `Test tenant ${result.created ? "created" : "already existed (kept, owner password reset)"}: ${result.slug}`,
      "",
      `  tenantId          ${result.tenantId}`,
      `  owner email       ${result.ownerEmail}`,
      `  owner password    ${result.ownerPassword}`,
      `  subscriptionId    ${result.subscriptionId}`,
      `  leadIds           ${result.leadIds.join(", ")}`,
      `  pending dispute   ${result.disputeId}`,
      `  overdue invoice   ${result.invoiceId}`,
      `  api_usage rows    ${result.apiUsageRows} (last 7 days)`,
      `  feature_usage     ${result.featureUsageRows} (last 7 days)`,
      "",
      "Check: /provider/clients, /provider/tenant-health, /provider/action-center, /provider/api-usage",
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    await closeDb();
    await database.stop();
  }
}

runCli(main, USAGE);
