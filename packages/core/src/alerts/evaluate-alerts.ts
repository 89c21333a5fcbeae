import { db, type Executor } from "@pp/db";
import { type ALERT_KINDS, alertSubscriptions, alerts, users } from "@pp/db/schema";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { enqueueEmail } from "../email/enqueue-email";
import { evaluateBurnRates, isSpike } from "../slo/burn-rate";
import { loadSloSeries } from "../slo/load-slo-series";
import { BURN_RATE_RULES, SLOS, SPIKE_BASELINE_MS, SPIKE_RULES, SPIKE_WINDOW_MS } from "../slo/slo-definitions";

type AlertKind = (typeof ALERT_KINDS)[number];
type Condition = {
  fingerprint: string;
  kind: AlertKind;
  severity: string;
  title: string;
  details: Record<string, unknown>;
};

export type AlertEvaluation = { opened: string[]; resolved: string[]; firing: number };

/** The kinds this evaluation owns: it opens and resolves these and never touches others (quota…). */
const EVALUATED_KINDS: AlertKind[] = ["slo_burn", "auth_spike", "rate_limit_spike"];
// One pass at a time across instances: two overlapping passes would email twice.
const LOCK_KEY = 815_001;
const LONGEST_WINDOW_DAYS = Math.max(...BURN_RATE_RULES.map((rule) => rule.longWindowMs)) / 86_400_000;

/**
 * Every minute (job `alerts.evaluate`): works out which SLO burn-rate and 401/403/429 spike
 * conditions hold at `now`, opens an alert for each new one (the partial unique index on the
 * fingerprint keeps it to one open alert per condition), resolves open ones that cleared, and
 * emails subscribed staff about both.
 */
export async function evaluateAlerts(options: { now?: Date } = {}, executor: Executor = db): Promise<AlertEvaluation> {
  const now = options.now ?? new Date();
  const conditions = [...(await sloConditions(now, executor)), ...(await spikeConditions(now, executor))];
  const firing = new Map(conditions.map((condition) => [condition.fingerprint, condition]));

  return executor.transaction(async (tx) => {
    const lock = await tx.execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(${LOCK_KEY}) as locked`);
    if (!lock.rows[0]?.locked) return { opened: [], resolved: [], firing: firing.size };
    const open = await tx
      .select()
      .from(alerts)
      .where(and(ne(alerts.status, "resolved"), inArray(alerts.kind, EVALUATED_KINDS)));
    const openByFingerprint = new Map(open.map((alert) => [alert.fingerprint, alert]));
    const opened: Condition[] = [];
    const resolved: (typeof open)[number][] = [];

    for (const condition of firing.values()) {
      const existing = openByFingerprint.get(condition.fingerprint);
      if (existing) {
        await tx.update(alerts).set({ details: condition.details, updatedAt: now }).where(eq(alerts.id, existing.id));
        continue;
      }
      const inserted = await tx.execute<{ id: string }>(sql`
        insert into alerts (id, kind, fingerprint, severity, title, details, status, fired_at, created_at, updated_at)
        values (gen_random_uuid(), ${condition.kind}, ${condition.fingerprint}, ${condition.severity}, ${condition.title},
                ${JSON.stringify(condition.details)}::jsonb, 'firing', ${now.toISOString()}::timestamptz,
                ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)
        on conflict (fingerprint) where status <> 'resolved' do nothing
        returning id`);
      if (inserted.rows.length > 0) opened.push(condition);
    }
    for (const alert of open) {
      if (firing.has(alert.fingerprint)) continue;
      await tx
        .update(alerts)
        .set({ status: "resolved", resolvedAt: now, updatedAt: now })
        .where(eq(alerts.id, alert.id));
      resolved.push(alert);
    }

    if (opened.length + resolved.length > 0) {
      const subscribers = await tx
        .select({ email: users.email })
        .from(alertSubscriptions)
        .innerJoin(users, eq(users.id, alertSubscriptions.userId));
      for (const { email } of subscribers) {
        for (const condition of opened) {
          await enqueueEmail(
            {
              to: email,
              subject: `[Alert ${condition.severity}] ${condition.title}`,
              text: `${condition.title}\n\n${JSON.stringify(condition.details, null, 2)}\n\nOpen Reliability in the Provider Portal for the SLO panels.`,
              kind: "alert_opened",
              related: { type: "alert", id: condition.fingerprint },
            },
            tx,
          );
        }
        for (const alert of resolved) {
          await enqueueEmail(
            {
              to: email,
              subject: `[Resolved] ${alert.title}`,
              text: `${alert.title} has cleared (fired ${alert.firedAt.toISOString()}, resolved ${now.toISOString()}).`,
              kind: "alert_resolved",
              related: { type: "alert", id: alert.fingerprint },
            },
            tx,
          );
        }
      }
    }
    return {
      opened: opened.map((condition) => condition.fingerprint),
      resolved: resolved.map((alert) => alert.fingerprint),
      firing: firing.size,
    };
  });
}

async function sloConditions(now: Date, executor: Executor): Promise<Condition[]> {
  const series = await loadSloSeries({ now, days: LONGEST_WINDOW_DAYS }, executor);
  const conditions: Condition[] = [];
  for (const slo of SLOS) {
    const sloSeries = series.get(slo.key);
    if (!sloSeries) continue;
    for (const verdict of evaluateBurnRates(sloSeries, slo, now.getTime())) {
      if (!verdict.firing) continue;
      const round = (value: number) => Math.round(value * 10) / 10;
      conditions.push({
        fingerprint: `slo:${slo.key}:${verdict.sli}:${verdict.rule.key}`,
        kind: "slo_burn",
        severity: verdict.rule.severity,
        title: `${slo.name}: ${verdict.sli} error budget burning ${round(verdict.longBurnRate)}× (${verdict.rule.key} burn, ≥ ${verdict.rule.burnRate}×)`,
        details: {
          slo: slo.key,
          sli: verdict.sli,
          rule: verdict.rule.key,
          threshold: verdict.rule.burnRate,
          longBurnRate: round(verdict.longBurnRate),
          shortBurnRate: round(verdict.shortBurnRate),
          longWindowMinutes: verdict.rule.longWindowMs / 60_000,
          shortWindowMinutes: verdict.rule.shortWindowMs / 60_000,
          requests: verdict.longRequests,
        },
      });
    }
  }
  return conditions;
}

async function spikeConditions(now: Date, executor: Executor): Promise<Condition[]> {
  const windowFrom = new Date(now.getTime() - SPIKE_WINDOW_MS).toISOString();
  const baselineFrom = new Date(now.getTime() - SPIKE_WINDOW_MS - SPIKE_BASELINE_MS).toISOString();
  const statuses = SPIKE_RULES.map((rule) => rule.status);
  const result = await executor.execute<{ status: number; recent: string; baseline: string }>(sql`
    select status, count(*) filter (where at >= ${windowFrom}::timestamptz) as recent,
      count(*) filter (where at < ${windowFrom}::timestamptz) as baseline
    from api_usage
    where at >= ${baselineFrom}::timestamptz and at < ${now.toISOString()}::timestamptz
      and status in (${sql.join(
        statuses.map((status) => sql`${status}`),
        sql`, `,
      )})
    group by status`);
  const conditions: Condition[] = [];
  for (const rule of SPIKE_RULES) {
    const row = result.rows.find((r) => Number(r.status) === rule.status);
    const recent = Number(row?.recent ?? 0);
    const baselinePerWindow = (Number(row?.baseline ?? 0) * SPIKE_WINDOW_MS) / SPIKE_BASELINE_MS;
    if (!isSpike(recent, baselinePerWindow)) continue;
    conditions.push({
      fingerprint: `spike:${rule.status}`,
      kind: rule.kind,
      severity: "high",
      title: `Spike of ${rule.label}: ${recent} in 5 minutes`,
      details: { status: rule.status, recent, baselinePer5Minutes: Math.round(baselinePerWindow * 10) / 10 },
    });
  }
  return conditions;
}
