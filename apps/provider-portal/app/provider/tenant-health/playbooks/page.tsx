import { staffCan } from "@pp/core/auth/permissions";
import { listPlaybooks } from "@pp/core/playbooks/list-playbooks";
import { Card } from "@pp/ui/card";
import { EmptyState } from "@pp/ui/empty-state";
import { formatDate } from "@pp/ui/format";
import { PageHeader } from "@pp/ui/page-header";
import { ListChecks } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { permissionFor } from "@/lib/navigation";
import { requireStaff } from "@/lib/session";
import { OWNER_LABELS } from "./owner-labels";
import { PlaybookEditor, type PlaybookRow } from "./playbook-editor";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Playbook templates" };

/**
 * The playbook templates CSMs start from Client 360: everyone who sees Tenant Health reads them,
 * admins (settings:manage, as the API requires) edit them.
 */
export default async function PlaybookTemplatesPage() {
  const staff = await requireStaff(permissionFor("/provider/tenant-health"));
  const canEdit = staffCan(staff.role, "settings:manage");
  const playbooks = await listPlaybooks();
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/provider/tenant-health" className="hover:underline">
            Tenant Health
          </Link>
        }
        title="Playbook templates"
        description={
          canEdit
            ? "The tasks each playbook creates when a CSM starts it: titles, due offsets and default owners."
            : "The tasks each playbook creates when a CSM starts it. Admins edit them."
        }
      />
      {playbooks.length === 0 ? (
        <EmptyState
          icon={<ListChecks />}
          title="No playbooks yet"
          description="The reference data seeds three on start."
        />
      ) : (
        <div className="grid gap-4">
          {playbooks.map((playbook) => {
            const row: PlaybookRow = {
              id: playbook.id,
              name: playbook.name,
              description: playbook.description,
              steps: playbook.steps.map((step) => ({ ...step, owner: step.owner ?? "csm" })),
            };
            return (
              <Card
                key={playbook.id}
                title={playbook.name}
                description={playbook.description ?? undefined}
                actions={canEdit ? <PlaybookEditor playbook={row} /> : undefined}
              >
                <table className="w-full text-sm" aria-label={`${playbook.name} tasks`}>
                  <thead>
                    <tr className="text-left text-xs text-slate-500">
                      <th className="py-1 pr-4 font-medium">Task</th>
                      <th className="py-1 pr-4 text-right font-medium">Due after</th>
                      <th className="py-1 font-medium">Default owner</th>
                    </tr>
                  </thead>
                  <tbody>
                    {row.steps.map((step, index) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a step's position is its identity
                      <tr key={index} className="border-t border-slate-100">
                        <td className="py-1.5 pr-4 text-slate-900">{step.title}</td>
                        <td className="py-1.5 pr-4 text-right whitespace-nowrap">
                          {step.dueInDays === 1 ? "1 day" : `${step.dueInDays} days`}
                        </td>
                        <td className="py-1.5 text-slate-600">{OWNER_LABELS[step.owner]}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p className="mt-2 text-xs text-slate-500">Last changed {formatDate(playbook.updatedAt)}</p>
              </Card>
            );
          })}
        </div>
      )}
    </>
  );
}
