"use client";

import { Button } from "../button";
import type { PendingConfirmation } from "./checklist-types";

/**
 * What completing a step would do that cannot be taken back silently — values the tenant already set
 * that it replaces, or the people it emails — and the choice to go ahead or keep things as they are.
 */
export function ConfirmPanel({
  confirmation,
  stepTitle,
  pending,
  onConfirm,
  onCancel,
}: {
  confirmation: PendingConfirmation;
  stepTitle: string;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const titleId = `${confirmation.step}-confirm-title`;
  return (
    <div
      role="alertdialog"
      aria-labelledby={titleId}
      className="mt-3 rounded-card border border-warn-600/30 bg-warn-50 px-4 py-3 text-sm text-slate-900"
      data-testid="step-confirmation"
    >
      {confirmation.reason === "confirm_changes" ? (
        <>
          <p id={titleId} className="font-semibold text-warn-800">
            Completing “{stepTitle}” would change what is already saved:
          </p>
          <dl className="mt-2 grid gap-x-4 gap-y-1.5 sm:grid-cols-[10rem_1fr]">
            {confirmation.changes.map((change) => (
              <div key={change.field} className="contents">
                <dt className="font-medium text-slate-700">{change.label}</dt>
                <dd className="break-words">
                  <span className="text-slate-600 line-through decoration-slate-400">{change.from}</span>
                  <span aria-hidden> → </span>
                  <span className="sr-only"> becomes </span>
                  <span className="font-medium">{change.to}</span>
                </dd>
              </div>
            ))}
          </dl>
        </>
      ) : (
        <>
          <p id={titleId} className="font-semibold text-warn-800">
            “{stepTitle}” will email an invitation to{" "}
            {confirmation.invitations.length === 1 ? "1 person" : `${confirmation.invitations.length} people`}:
          </p>
          <ul className="mt-2 list-disc space-y-0.5 pl-5">
            {confirmation.invitations.map((person) => (
              <li key={person.email}>
                {person.name ? `${person.name} ` : ""}
                <span className="font-medium">{person.email}</span> as {person.role}
              </li>
            ))}
          </ul>
          {confirmation.alreadyMembers.length > 0 ? (
            <p className="mt-2 text-slate-600">
              Already on the team, not emailed: {confirmation.alreadyMembers.join(", ")}
            </p>
          ) : null}
        </>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button size="sm" onClick={onConfirm} pending={pending}>
          {confirmation.reason === "confirm_changes"
            ? "Apply changes and complete"
            : `Send ${confirmation.invitations.length === 1 ? "invitation" : `${confirmation.invitations.length} invitations`}`}
        </Button>
        <Button size="sm" variant="secondary" onClick={onCancel} disabled={pending}>
          {confirmation.reason === "confirm_changes" ? "Keep saved values" : "Not yet"}
        </Button>
      </div>
    </div>
  );
}
