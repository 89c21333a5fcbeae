import { staffCan } from "@pp/core/auth/permissions";
import { listAssignableStaff } from "@pp/core/success/list-assignable-staff";
import { listTasks, TASK_VIEWS, type TaskView } from "@pp/core/tasks/list-tasks";
import { EmptyState } from "@pp/ui/empty-state";
import { FilterBar } from "@pp/ui/filter-bar";
import { PageHeader } from "@pp/ui/page-header";
import { Pagination } from "@pp/ui/pagination";
import { Tabs } from "@pp/ui/tabs";
import { hrefWith, type UrlParams } from "@pp/ui/url";
import { ListTodo } from "lucide-react";
import type { Metadata } from "next";
import { permissionFor } from "@/lib/navigation";
import { parsePageParams } from "@/lib/query-params";
import { requireStaff } from "@/lib/session";
import { ZListTasksQuery } from "../../api/provider/tasks/schema";
import { TaskRows } from "../clients/[id]/task-rows";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Tasks" };

const PATH = "/provider/tasks";
const VIEW_LABELS: Record<TaskView, string> = { mine: "Mine", team: "Team", overdue: "Overdue", week: "Due this week" };
const EMPTY: Record<TaskView, { title: string; description: string }> = {
  mine: {
    title: "No open tasks are yours",
    description: "Create one from a client's page (or Cmd-K → a client → Create task), or start a playbook.",
  },
  team: {
    title: "The team has no open tasks",
    description: "Tasks created from Client 360, the Action Center or playbooks show here.",
  },
  overdue: { title: "Nothing is overdue", description: "Open tasks past their due date show here." },
  week: { title: "Nothing is due in the next 7 days", description: "Open tasks due this week show here." },
};

/** My tasks: mine / team / overdue / due this week, by due date, filterable by owner. */
export default async function TasksPage({ searchParams }: { searchParams: Promise<UrlParams> }) {
  const staff = await requireStaff(permissionFor(PATH));
  const params = await searchParams;
  const query = parsePageParams(ZListTasksQuery, params);
  const now = new Date();
  const [page, owners] = await Promise.all([listTasks({ ...query, actor: staff, now }), listAssignableStaff()]);
  return (
    <>
      <PageHeader title="Tasks" description="Follow-ups across every client, soonest due first." />
      <Tabs
        label="Task views"
        current={query.view}
        items={TASK_VIEWS.map((view) => ({
          key: view,
          label: VIEW_LABELS[view],
          href: hrefWith(PATH, params, { view, cursor: null }),
        }))}
      />
      <FilterBar
        pathname={PATH}
        params={params}
        keep={["view"]}
        fields={[
          {
            kind: "select",
            name: "ownerId",
            label: "Owner",
            anyLabel: query.view === "mine" ? "Me" : "Anyone",
            options: owners.map((owner) => ({ value: owner.userId, label: owner.name })),
          },
          {
            kind: "select",
            name: "status",
            label: "Status",
            anyLabel: "Open",
            options: [
              { value: "done", label: "Done" },
              { value: "all", label: "All" },
            ],
          },
        ]}
      />
      {page.data.length === 0 ? (
        <EmptyState icon={<ListTodo />} title={EMPTY[query.view].title} description={EMPTY[query.view].description} />
      ) : (
        <TaskRows
          tasks={page.data}
          canWrite={staffCan(staff.role, "success:write")}
          showClient
          now={now.toISOString()}
        />
      )}
      <Pagination pathname={PATH} params={params} nextCursor={page.nextCursor} shown={page.data.length} />
    </>
  );
}
