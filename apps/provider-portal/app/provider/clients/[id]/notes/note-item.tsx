"use client";

import type { NoteRow } from "@pp/core/notes/list-notes";
import { useApiForm } from "@pp/ui/api-form";
import { Badge } from "@pp/ui/badge";
import { Button } from "@pp/ui/button";
import { Textarea } from "@pp/ui/field";
import { formatDateTime } from "@pp/ui/format";
import { useState } from "react";

/** One note as plain text; its author may edit or delete it, anyone who may write pins it. */
export function NoteItem({
  tenantId,
  note,
  isAuthor,
  canWrite,
}: {
  tenantId: string;
  note: NoteRow;
  isAuthor: boolean;
  canWrite: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(note.body);
  const { submit, pending } = useApiForm({
    url: `/api/provider/tenants/${tenantId}/notes/${note.id}`,
    method: "PATCH",
    refresh: true,
    fieldErrorsToast: true,
  });
  const edited = new Date(note.updatedAt).getTime() - new Date(note.createdAt).getTime() > 1_000;
  return (
    <li id={`note-${note.id}`} className="space-y-2 px-4 py-3">
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
        {note.pinnedAt ? <Badge tone="brand">Pinned</Badge> : null}
        <span className="font-medium text-slate-700">{note.authorName ?? "A former staff member"}</span>
        <time dateTime={new Date(note.createdAt).toISOString()}>{formatDateTime(note.createdAt)}</time>
        {edited ? <span>(edited)</span> : null}
      </div>
      {editing ? (
        <Textarea
          aria-label="Note text"
          rows={4}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          maxLength={10_000}
        />
      ) : (
        <p className="text-sm whitespace-pre-wrap text-slate-900">{note.body}</p>
      )}
      {canWrite ? (
        <div className="flex gap-2">
          {editing ? (
            <>
              <Button
                size="sm"
                disabled={pending}
                onClick={() => void submit({ body }, { success: "Note saved", onSuccess: () => setEditing(false) })}
              >
                Save
              </Button>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => {
                  setEditing(false);
                  setBody(note.body);
                }}
              >
                Cancel
              </Button>
            </>
          ) : (
            <>
              <Button
                size="sm"
                variant="ghost"
                disabled={pending}
                onClick={() =>
                  void submit({ pinned: !note.pinnedAt }, { success: note.pinnedAt ? "Note unpinned" : "Note pinned" })
                }
              >
                {note.pinnedAt ? "Unpin" : "Pin"}
              </Button>
              {isAuthor ? (
                <>
                  <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>
                    Edit
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={pending}
                    onClick={() => {
                      if (window.confirm("Delete this note? Its text stays in the audit log."))
                        void submit(undefined, { method: "DELETE", success: "Note deleted" });
                    }}
                  >
                    Delete
                  </Button>
                </>
              ) : null}
            </>
          )}
        </div>
      ) : null}
    </li>
  );
}
