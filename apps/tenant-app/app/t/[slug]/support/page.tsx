import { listSupportRequests } from "@pp/core/incidents/list-support-requests";
import { StatusBadge, statusLabel } from "@pp/ui/badge";
import { ButtonLink } from "@pp/ui/button";
import { type Column, DataTable } from "@pp/ui/data-table";
import { EmptyState } from "@pp/ui/empty-state";
import { PageHeader } from "@pp/ui/page-header";
import { LifeBuoy } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { formatMoment } from "@/lib/format";
import { requireMember } from "@/lib/session";

export const metadata: Metadata = { title: "Support" };
export const dynamic = "force-dynamic";

type Row = Awaited<ReturnType<typeof listSupportRequests>>[number];

// /t/[slug]/support – this business's support requests (and incidents about it) with their status.
export default async function SupportPage({ params }: PageProps<"/t/[slug]/support">) {
  const { slug } = await params;
  const { tenant } = await requireMember(slug);
  const requests = await listSupportRequests({ tenantId: tenant.id });
  const zone = tenant.timezone;
  const columns: Column<Row>[] = [
    {
      key: "subject",
      header: "Subject",
      cell: (row) => (
        <Link href={`/t/${slug}/support/${row.id}`} className="font-medium text-slate-900 hover:text-brand-700">
          {row.subject}
        </Link>
      ),
    },
    {
      key: "status",
      header: "Status",
      cell: (row) => (
        <StatusBadge
          status={row.status === "waiting_on_customer" ? "pending" : row.status}
          className="whitespace-nowrap"
        />
      ),
    },
    {
      key: "state",
      header: "",
      cell: (row) => (
        <span className="text-xs text-slate-500">
          {row.status === "waiting_on_customer"
            ? "Waiting on you"
            : row.status === "resolved"
              ? `Resolved ${formatMoment(row.resolvedAt, zone)}`
              : statusLabel(row.status)}
        </span>
      ),
    },
    {
      key: "opened",
      header: "Opened",
      cell: (row) => <span className="whitespace-nowrap">{formatMoment(row.openedAt, zone)}</span>,
    },
    {
      key: "updated",
      header: "Last update",
      cell: (row) => <span className="whitespace-nowrap">{formatMoment(row.updatedAt, zone)}</span>,
    },
  ];
  return (
    <>
      <PageHeader
        title="Support"
        description="Ask our team for help and follow your requests. Replies also arrive by email."
        actions={
          <ButtonLink href={`/t/${slug}/support/new`} variant="primary">
            New request
          </ButtonLink>
        }
      />
      <DataTable
        caption="Your support requests"
        columns={columns}
        rows={requests}
        rowKey={(row) => row.id}
        empty={
          <EmptyState
            icon={<LifeBuoy />}
            title="No support requests yet"
            description="Something not working, or a question about your account? Open a request and our team will answer."
            action={<ButtonLink href={`/t/${slug}/support/new`}>New request</ButtonLink>}
          />
        }
      />
    </>
  );
}
