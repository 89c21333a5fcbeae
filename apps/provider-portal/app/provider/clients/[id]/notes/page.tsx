import { staffCan } from "@pp/core/auth/permissions";
import { listNotes } from "@pp/core/notes/list-notes";
import { ZPageQuery } from "@pp/core/pagination";
import { Card } from "@pp/ui/card";
import { EmptyState } from "@pp/ui/empty-state";
import { Pagination } from "@pp/ui/pagination";
import type { UrlParams } from "@pp/ui/url";
import { NotebookPen } from "lucide-react";
import type { Metadata } from "next";
import { permissionFor } from "@/lib/navigation";
import { parsePageParams } from "@/lib/query-params";
import { requireStaff } from "@/lib/session";
import { loadOverview } from "../load-client";
import { NoteForm } from "./note-form";
import { NoteItem } from "./note-item";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<UrlParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `${(await loadOverview(id)).tenant.name} · Notes` };
}

/** Client 360 › Notes: pinned first, then newest; plain text with line breaks. */
export default async function ClientNotesPage({ params, searchParams }: Props) {
  const staff = await requireStaff(permissionFor("/provider/tasks"));
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const { tenant } = await loadOverview(id);
  const canWrite = staffCan(staff.role, "success:write");
  const page = await listNotes({ ...parsePageParams(ZPageQuery, query), tenantId: tenant.id });
  return (
    <div className="space-y-4">
      {canWrite ? (
        <Card title="Add a note">
          <NoteForm tenantId={tenant.id} />
        </Card>
      ) : null}
      {page.data.length === 0 ? (
        <EmptyState
          icon={<NotebookPen />}
          title="No notes yet"
          description={
            canWrite
              ? "Write down what you learn about this client: the next CSM will thank you."
              : "Notes staff write about this client show here."
          }
        />
      ) : (
        <ul
          aria-label="Notes"
          className="divide-y divide-slate-100 rounded-card border border-line bg-surface shadow-card"
        >
          {page.data.map((note) => (
            <NoteItem
              key={note.id}
              tenantId={tenant.id}
              note={note}
              isAuthor={note.authorId === staff.userId}
              canWrite={canWrite}
            />
          ))}
        </ul>
      )}
      <Pagination
        pathname={`/provider/clients/${tenant.id}/notes`}
        params={query}
        nextCursor={page.nextCursor}
        shown={page.data.length}
      />
    </div>
  );
}
