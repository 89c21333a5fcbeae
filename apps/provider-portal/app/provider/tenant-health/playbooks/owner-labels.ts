/** Who a template step's task goes to; shared by the page (server) and the editor (client). */
export type StepOwner = "csm" | "starter";

export const OWNER_LABELS: Record<StepOwner, string> = {
  csm: "The client's CSM",
  starter: "Whoever starts the playbook",
};
