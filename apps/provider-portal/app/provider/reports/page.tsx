import { describeSchedule, describeSendTime } from "@pp/core/reports/digest-schedule";
import { getDigestPreview } from "@pp/core/reports/get-digest-preview";
import { TIME_ZONE_OPTIONS } from "@pp/core/settings/time-zones";
import { Badge } from "@pp/ui/badge";
import { Card } from "@pp/ui/card";
import { formatCount } from "@pp/ui/format";
import { PageHeader } from "@pp/ui/page-header";
import type { Metadata } from "next";
import { permissionFor } from "@/lib/navigation";
import { requireStaff } from "@/lib/session";
import { DigestSubscriptionForm } from "./digest-subscription-form";

export const metadata: Metadata = { title: "Scheduled Reports" };
export const dynamic = "force-dynamic";

const PATH = "/provider/reports";

function dayLabel(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
}

// /provider/reports – subscribe to the weekly or monthly digest and see exactly what the next one contains.
export default async function ReportsPage() {
  const staff = await requireStaff(permissionFor(PATH));
  const preview = await getDigestPreview({ userId: staff.userId });
  const { subscription, schedule, next, rendered } = preview;
  const zones = [
    ...new Set([...TIME_ZONE_OPTIONS.map((option) => option.value), ...Intl.supportedValuesOf("timeZone")]),
  ];
  return (
    <>
      <PageHeader
        title="Scheduled Reports"
        description="A weekly or monthly digest by email — Revenue Intelligence, Action Center, at-risk clients, API usage movers and stalled onboarding — with every list attached as CSV."
      />
      <div className="grid gap-6 xl:grid-cols-3">
        <Card
          title="Your digest"
          description={subscription ? describeSchedule(schedule) : "You are not subscribed"}
          actions={subscription ? <Badge tone="success">Subscribed</Badge> : <Badge>Not subscribed</Badge>}
          className="xl:col-span-1 self-start"
        >
          <DigestSubscriptionForm
            subscribed={subscription !== null}
            email={staff.email}
            initial={{
              cadence: schedule.cadence,
              weekday: schedule.weekday ?? 1,
              dayOfMonth: schedule.dayOfMonth ?? 1,
              sendHour: schedule.sendHour,
              timeZone: subscription ? schedule.timeZone : null,
            }}
            zones={zones}
          />
        </Card>
        <Card
          title="Next digest"
          description={
            subscription
              ? `Goes to ${staff.email} on ${describeSendTime(next.sendAt, schedule.timeZone)}, covering ${dayLabel(next.covers.from)} – ${dayLabel(next.covers.to)}. Figures as of now; the email has them as of its send time.`
              : `Subscribe to get it. With the schedule shown it would go out ${describeSendTime(next.sendAt, schedule.timeZone)}.`
          }
          className="xl:col-span-2"
        >
          <div
            data-testid="digest-preview"
            className="overflow-x-auto"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: renderDigest escapes every value; this is the email's own markup, shown as it will be sent.
            dangerouslySetInnerHTML={{ __html: rendered.bodyHtml }}
          />
          <h3 className="mt-6 text-sm font-semibold text-slate-900">Attached CSV files</h3>
          <ul className="mt-2 space-y-1 text-sm text-slate-700" aria-label="Attached CSV files">
            {rendered.attachments.map((file) => (
              <li key={file.filename} className="flex justify-between gap-4">
                <span className="font-mono text-xs">{file.filename}</span>
                <span className="text-xs text-slate-500">
                  {formatCount(file.rows)} {file.rows === 1 ? "row" : "rows"}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
