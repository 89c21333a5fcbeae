// How the API Usage chart labels its buckets and names its period (UTC).

import type { ApiUsageBucket } from "@pp/core/usage/api-usage-filters";
import type { ApiUsageTrend } from "@pp/core/usage/get-api-usage-trend";

const dayLabel = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const hourLabel = new Intl.DateTimeFormat("en-US", {
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

export function bucketLabel(start: Date, bucket: ApiUsageBucket): string {
  return bucket === "hour" ? hourLabel.format(start) : dayLabel.format(start);
}

export function periodLabel(trend: ApiUsageTrend): string {
  const { start, end } = trend.window;
  const last = new Date(end.getTime() - 1);
  return trend.bucket === "hour"
    ? `${dayLabel.format(start)} ${hourLabel.format(start)} – ${dayLabel.format(last)} ${hourLabel.format(end)} UTC`
    : `${dayLabel.format(start)} – ${dayLabel.format(last)} (UTC)`;
}
