import { staffCan } from "@pp/core/auth/permissions";
import { listAssignableStaff } from "@pp/core/success/list-assignable-staff";
import { listTasks } from "@pp/core/tasks/list-tasks";
import { Card } from "@pp/ui/card";
import { EmptyState } from "@pp/ui/empty-state";
import { Pagination } from "@pp/ui/pagination";
import { Tabs } from "@pp/ui/tabs";
import { firstParam, hrefWith, type UrlParams } from "@pp/ui/url";
import { ListTodo } from "lucide-react";
import type { Metadata } from "next";
import { permissionFor } from "@/lib/navigation";
import { parsePageParams } from "@/lib/query-params";
import { requireStaff } from "@/lib/session";
import { ZTenantTasksQuery } from "../../../../api/provider/tenants/[id]/tasks/schema";
import { loadOverview } from "../load-client";
import { TaskForm } from "../task-form";
import { TaskRows } from "../task-rows";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<UrlParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `${(await loadOverview(id)).tenant.name} · Tasks` };
}

const STATUS_TABS = [
  { key: "open", label: "Open" },
  { key: "done", label: "Done" },
  { key: "all", label: "All" },
] as const;

/** Client 360 › Tasks: this client's tasks by due date, quick create, complete and reopen. */
export default async function ClientTasksPage({ params, searchParams }: Props) {
  const staff = await requireStaff(permissionFor("/provider/tasks"));
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const { tenant } = await loadOverview(id);
  const canWrite = staffCan(staff.role, "success:write");
  const input = parsePageParams(ZTenantTasksQuery, query);
  const status = input.status ?? "open";
  const now = new Date();
  const [page, assignable] = await Promise.all([
    listTasks({ ...input, status, view: "team", tenantId: tenant.id, actor: staff, now }),
    canWrite ? listAssignableStaff() : Promise.resolve([]),
  ]);
  const pathname = `/provider/clients/${tenant.id}/tasks`;
  return (
    <div className="space-y-4">
      {canWrite ? (
        <Card title="Create task">
          <TaskForm
            tenantId={tenant.id}
            staff={assignable}
            currentUserId={staff.userId}
            autoFocus={firstParam(query, "new") === "1"}
          />
        </Card>
      ) : null}
      <Tabs
        label="Task status"
        current={status}
        items={STATUS_TABS.map((tab) => ({
          ...tab,
          href: hrefWith(pathname, query, { status: tab.key, cursor: null, new: null }),
        }))}
      />
      {page.data.length === 0 ? (
        <EmptyState
          icon={<ListTodo />}
          title={status === "open" ? "No open tasks for this client" : "No tasks here yet"}
          description={
            canWrite
              ? "Create one above, or start a playbook from the Overview."
              : "Tasks that staff create for this client show here."
          }
        />
      ) : (
        <TaskRows tasks={page.data} canWrite={canWrite} showClient={false} now={now.toISOString()} />
      )}
      <Pagination pathname={pathname} params={query} nextCursor={page.nextCursor} shown={page.data.length} />
    </div>
  );
}
