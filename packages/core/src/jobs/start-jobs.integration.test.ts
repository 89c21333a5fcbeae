import { db } from "@pp/db";
import { createSubscription, createTenant, ensureReferenceData, recordApiUsage } from "@pp/db/factories";
import { apiUsageRollups, invoices } from "@pp/db/schema";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths } from "../billing/billing-dates";
import { JOB_DEFINITIONS, type JobDefinition } from "./job-definitions";
import { JOBS_SCHEMA, type JobsRuntime, startJobs } from "./start-jobs";

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe("the pg-boss jobs runtime", () => {
  let runtime: JobsRuntime | undefined;
  beforeAll(async () => {
    await ensureReferenceData(db);
  });
  afterAll(async () => {
    await runtime?.stop(2_000);
  });

  it("schedules every job, fires cron jobs, runs the product's jobs in workers and stops cleanly", async () => {
    const now = new Date();
    // Raw usage three hours ago, not rolled up yet: usage.rollup runs once at start.
    const usageTenant = await createTenant(db);
    await recordApiUsage(db, [
      { tenantId: usageTenant.id, at: new Date(now.getTime() - 3 * 60 * 60 * 1000), status: 429 },
    ]);
    // A subscription whose monthly period ended yesterday.
    const billed = await createTenant(db);
    await createSubscription(db, { tenantId: billed.id, startedAt: addMonths(addDays(now, -1), -1) });

    const cronRuns: Date[] = [];
    const probe: JobDefinition = {
      name: "test.every-minute",
      cron: "* * * * *",
      description: "Records that cron fired it",
      expireInSeconds: 60,
      run: async () => {
        cronRuns.push(new Date());
      },
    };
    runtime = await startJobs({
      definitions: [...JOB_DEFINITIONS, probe],
      pollingIntervalSeconds: 0.5,
      cron: { monitorIntervalSeconds: 1, workerIntervalSeconds: 1 },
    });

    const schedules = await runtime.boss.getSchedules();
    expect(Object.fromEntries(schedules.map((schedule) => [schedule.name, schedule.cron]))).toEqual({
      "billing.issue-invoices": "5 0 * * *",
      "billing.payment-retries": "0 6 * * *",
      "metrics.snapshot": "20 0 * * *",
      "usage.rollup": "* * * * *",
      "usage.retention": "30 0 * * *",
      "success.health-scores": "15 1 * * *",
      "alerts.evaluate": "* * * * *",
      "payments.stripe-webhooks": "* * * * *",
      "payments.charge-new-invoices": "*/5 * * * *",
      "reports.send-digests": "*/15 * * * *",
      "test.every-minute": "* * * * *",
    });
    // Its own schema, next to (not inside) the product's tables.
    const schema = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from information_schema.tables where table_schema = ${JOBS_SCHEMA}`,
    );
    expect(schema.rows[0]?.n).toBeGreaterThan(0);

    // Nobody sent this one: pg-boss's cron did.
    await waitFor("the cron job", async () => (cronRuns.length > 0 ? true : undefined));

    const rollup = await waitFor("usage.rollup", async () => {
      const [row] = await db.select().from(apiUsageRollups).where(eq(apiUsageRollups.tenantId, usageTenant.id));
      return row;
    });
    expect(rollup).toMatchObject({ requests: 1, rateLimited: 1, statusClass: 4 });

    // Sent by hand, as an operator would to rerun it: the worker issues the ended period's invoice.
    const jobId = await runtime.boss.send("billing.issue-invoices", {});
    expect(jobId).toBeTruthy();
    const invoice = await waitFor("billing.issue-invoices", async () => {
      const [row] = await db.select().from(invoices).where(eq(invoices.tenantId, billed.id));
      return row;
    });
    expect(invoice.status).toBe("open");
    const job = await waitFor("the job to complete", async () => {
      const found = await runtime?.boss.getJobById("billing.issue-invoices", jobId ?? "");
      return found?.state === "completed" ? found : undefined;
    });
    expect(job.state).toBe("completed");

    const stopping = runtime;
    runtime = undefined;
    await stopping.stop(2_000);
    const stopped = await stopping.boss.send("usage.rollup", {}).then(
      () => "accepted",
      () => "refused",
    );
    expect(stopped).toBe("refused");
  }, 60_000);

  it("several instances starting at once all come up (pg-boss's queue DDL can deadlock between them)", async () => {
    // Without retries this failed with "deadlock detected" in most rounds of three instances.
    const definitions: JobDefinition[] = Array.from({ length: 12 }, (_, index) => ({
      name: `race.job-${index}`,
      cron: "0 3 * * *",
      description: "a queue for the start-up race",
      expireInSeconds: 60,
      run: async () => undefined,
    }));
    const started = await Promise.allSettled([0, 1, 2].map(() => startJobs({ definitions })));
    try {
      expect(started.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
      const queues = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from ${sql.raw(JOBS_SCHEMA)}.queue where name like 'race.job-%'`,
      );
      expect(queues.rows[0]?.n).toBe(12);
    } finally {
      for (const result of started) if (result.status === "fulfilled") await result.value.stop(1_000);
    }
  }, 60_000);
});
