import { updatePlaybook } from "@pp/core/playbooks/update-playbook";
import { auditContextOf } from "@pp/http/audit-context";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZPlaybookParams, ZUpdatePlaybookBody } from "./schema";

// PUT /api/provider/tasks/playbooks/[playbookId] – an admin edits a playbook template (name, description, steps).
export const PUT = compose(
  { route: "/api/provider/tasks/playbooks/[playbookId]" },
  withProviderAuth("settings:manage"),
  withInput({ params: ZPlaybookParams, body: ZUpdatePlaybookBody }),
)(async (ctx) =>
  json(
    await updatePlaybook({
      ...ctx.body,
      playbookId: ctx.params.playbookId,
      actor: ctx.actor,
      context: auditContextOf(ctx),
    }),
  ),
);
