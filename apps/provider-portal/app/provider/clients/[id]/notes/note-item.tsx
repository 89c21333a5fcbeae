"use client";

import type { NoteRow } from "@pp/core/notes/list-notes";
import { Badge } from "@pp/ui/badge";
import { Button } from "@pp/ui/button";
import { Textarea } from "@pp/ui/field";
import { formatDateTime } from "@pp/ui/format";
import { useState } from "react";
import { useApiAction } from "../use-api-action";

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
  const { run, pending } = useApiAction();
  const url = `/api/provider/tenants/${tenantId}/notes/${note.id}`;
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
                onClick={async () => {
                  if (await run({ url, method: "PATCH", body: { body } }, "Note saved")) setEditing(false);
                }}
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
                  void run(
                    { url, method: "PATCH", body: { pinned: !note.pinnedAt } },
                    note.pinnedAt ? "Note unpinned" : "Note pinned",
                  )
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
                        void run({ url, method: "DELETE" }, "Note deleted");
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
