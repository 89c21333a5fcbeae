import { isAppError } from "@pp/core/errors";
import { getIncidentOrThrow } from "@pp/core/incidents/get-incident-or-throw";
import { StatusBadge } from "@pp/ui/badge";
import { Card } from "@pp/ui/card";
import { PageHeader } from "@pp/ui/page-header";
import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatMoment } from "@/lib/format";
import { requireMember } from "@/lib/session";
import { ReplyForm } from "./reply-form";

export const metadata: Metadata = { title: "Support request" };
export const dynamic = "force-dynamic";

const EVENT_LABELS: Record<string, string> = {
  created: "Request opened",
  acknowledged: "Our team is on it",
  update: "Reply from support",
  waiting_on_customer: "We need something from you",
  customer_replied: "Your reply",
  resolved: "Resolved",
  reopened: "Reopened",
};

// /t/[slug]/support/[requestId] – one request: status, the conversation, and a reply box while it is open.
export default async function SupportRequestPage({ params }: PageProps<"/t/[slug]/support/[requestId]">) {
  const { slug, requestId } = await params;
  const { tenant } = await requireMember(slug);
  const { incident, events } = await getIncidentOrThrow({ incidentId: requestId, tenantId: tenant.id }).catch(
    (error: unknown) => {
      if (isAppError(error) && error.code === "not_found") notFound();
      throw error;
    },
  );
  const zone = tenant.timezone;
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href={`/t/${slug}/support`} className="inline-flex items-center gap-1 hover:text-slate-800">
            <ArrowLeft aria-hidden className="size-3.5" />
            Support
          </Link>
        }
        title={incident.title}
        description={
          <span className="flex items-center gap-2">
            <StatusBadge status={incident.status === "waiting_on_customer" ? "pending" : incident.status} />
            <span data-request-status={incident.status}>
              {incident.status === "waiting_on_customer"
                ? "Waiting on your reply"
                : incident.status === "resolved"
                  ? `Resolved ${formatMoment(incident.resolvedAt, zone)}`
                  : `Opened ${formatMoment(incident.openedAt, zone)}`}
            </span>
          </span>
        }
      />
      <div className="max-w-3xl space-y-4">
        {incident.resolutionNote ? (
          <Card title="Resolution">
            <p className="text-sm whitespace-pre-wrap text-slate-700">{incident.resolutionNote}</p>
          </Card>
        ) : null}
        <Card title="Conversation">
          <ol className="space-y-3" aria-label="Conversation">
            {events.map((event) => (
              <li key={event.id} className="border-l-2 border-line pl-3">
                <div className="text-sm">
                  <span className="font-medium text-slate-900">{EVENT_LABELS[event.kind] ?? "Update"}</span>{" "}
                  <span className="text-xs text-slate-500">
                    {event.actorName ?? "Support"} · {formatMoment(event.at, zone)}
                  </span>
                </div>
                {event.note ? <p className="mt-1 text-sm whitespace-pre-wrap text-slate-700">{event.note}</p> : null}
              </li>
            ))}
          </ol>
        </Card>
        {incident.status !== "resolved" ? <ReplyForm slug={slug} requestId={incident.id} /> : null}
      </div>
    </>
  );
}
