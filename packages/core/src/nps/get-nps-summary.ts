import { db, type Executor } from "@pp/db";
import { sql } from "drizzle-orm";
import { NPS_TRAILING_DAYS, npsOf } from "./nps-rules";

export type NpsFigure = { nps: number; responses: number; promoters: number; passives: number; detractors: number };
export type NpsSummary = {
  platform: NpsFigure;
  byTrade: (NpsFigure & { segment: string })[];
  byPlan: (NpsFigure & { segment: string })[];
  comments: { id: string; tenantId: string; tenantName: string; score: number; comment: string; respondedAt: Date }[];
};

function figure(row: {
  promoters: number | string;
  detractors: number | string;
  responses: number | string;
}): NpsFigure {
  const promoters = Number(row.promoters);
  const detractors = Number(row.detractors);
  const responses = Number(row.responses);
  return {
    nps: npsOf(promoters, detractors, responses),
    responses,
    promoters,
    detractors,
    passives: responses - promoters - detractors,
  };
}

/** NPS over the trailing 180 days: platform-wide, per trade and per plan, with the latest comments. */
export async function getNpsSummary(
  { now = new Date(), tenantId }: { now?: Date; tenantId?: string } = {},
  executor: Executor = db,
): Promise<NpsSummary> {
  const since = new Date(now.getTime() - NPS_TRAILING_DAYS * 86_400_000).toISOString();
  const scope = tenantId ? sql`and r.tenant_id = ${tenantId}` : sql``;
  const counts = sql`count(*) filter (where r.score >= 9) as promoters, count(*) filter (where r.score <= 6) as detractors, count(*) as responses`;
  const window = sql`r.responded_at >= ${since}::timestamptz and r.responded_at <= ${now.toISOString()}::timestamptz ${scope}`;
  const [platform, byTrade, byPlan, comments] = await Promise.all([
    executor.execute<{ promoters: string; detractors: string; responses: string }>(
      sql`select ${counts} from nps_responses r where ${window}`,
    ),
    executor.execute<{ segment: string; promoters: string; detractors: string; responses: string }>(
      sql`select t.trade as segment, ${counts} from nps_responses r join tenants t on t.id = r.tenant_id
        where ${window} group by t.trade order by t.trade`,
    ),
    executor.execute<{ segment: string; promoters: string; detractors: string; responses: string }>(
      sql`select coalesce(p.name, 'No plan') as segment, ${counts} from nps_responses r join tenants t on t.id = r.tenant_id
        left join plans p on p.id = t.plan_id where ${window} group by 1 order by 1`,
    ),
    executor.execute<{
      id: string;
      tenant_id: string;
      tenant_name: string;
      score: number;
      comment: string;
      responded_at: string;
    }>(
      sql`select r.id, r.tenant_id, t.name as tenant_name, r.score, r.comment, r.responded_at from nps_responses r
        join tenants t on t.id = r.tenant_id where ${window} and r.comment is not null
        order by r.responded_at desc, r.id desc limit 20`,
    ),
  ]);
  return {
    platform: figure(platform.rows[0] ?? { promoters: 0, detractors: 0, responses: 0 }),
    byTrade: byTrade.rows.map((row) => ({ segment: row.segment, ...figure(row) })),
    byPlan: byPlan.rows.map((row) => ({ segment: row.segment, ...figure(row) })),
    comments: comments.rows.map((row) => ({
      id: row.id,
      tenantId: row.tenant_id,
      tenantName: row.tenant_name,
      score: Number(row.score),
      comment: row.comment,
      respondedAt: new Date(row.responded_at),
    })),
  };
}
