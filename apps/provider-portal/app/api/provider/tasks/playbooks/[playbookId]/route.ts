import { updatePlaybook } from "@pp/core/playbooks/update-playbook";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
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

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, POST, PATCH, DELETE, OPTIONS } = methodNotAllowed({ PUT });
