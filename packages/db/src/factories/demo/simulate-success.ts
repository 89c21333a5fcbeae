import type { OnboardingStepState } from "../../schema";
import { type Severity, TENANT_FEATURE_KEYS, type Trade } from "../catalog";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../ids";
import type { Random } from "../random";
import type { DemoContext } from "./context";
import { INCIDENT_TITLES, NOTE_BODIES, NPS_COMMENTS } from "./names";
import type { TenantRisk } from "./risk";

export type SuccessTenant = {
  id: string;
  trade: Trade;
  signedUpAt: number;
  csmId: string;
  ownerId: string;
  /** Who completed the owner's checklist steps, as the checklist shows it. */
  ownerName: string;
  memberIds: string[];
  activeSpans: [number, number][];
  onboardingStatus: "not_started" | "in_progress" | "completed";
  /** Usage fell off over the last two months. */
  lowAdoption: boolean;
  delinquent: boolean;
  planCode: string;
  renewalAt: number | null;
  risk: TenantRisk;
};

function isActive(spans: readonly [number, number][], at: number): boolean {
  return spans.some(([from, to]) => at >= from && at < to);
}

/** Tenant status on the onboarding checklist: established tenants are done, new ones in every state. */
export function onboardingStatusOf(random: Random, signedUpAt: number, now: number): SuccessTenant["onboardingStatus"] {
  const age = now - signedUpAt;
  // A stalled onboarding is the latent risk's doing (risk.ts); an older tenant otherwise finished.
  if (age > 45 * DAY_MS) return "completed";
  return random.weighted([
    ["not_started", 30],
    ["in_progress", 50],
    ["completed", 20],
  ] as const);
}

/**
 * A tenant_onboarding row whose checklist matches the status. Without a template for the trade there
 * can be no checklist, so the tenant is "not started": its status and its checklist are one truth.
 */
export function writeOnboarding(context: DemoContext, random: Random, tenant: SuccessTenant): void {
  const template = context.templates.get(tenant.trade);
  if (!template || tenant.onboardingStatus === "not_started") {
    tenant.onboardingStatus = "not_started";
    return;
  }
  const steps = template.sections.flatMap((section) => section.steps);
  const stalled = tenant.risk.stalledOnboarding && tenant.onboardingStatus === "in_progress";
  const share =
    tenant.onboardingStatus === "completed"
      ? 1
      : stalled
        ? 0.1 + random.next() * 0.3
        : tenant.onboardingStatus === "in_progress"
          ? random.next() * 0.8
          : 0;
  const done = Math.round(steps.length * share);
  const completedAt =
    tenant.onboardingStatus === "completed"
      ? Math.max(tenant.signedUpAt, Math.min(context.now - HOUR_MS, tenant.signedUpAt + random.int(5, 40) * DAY_MS))
      : null;
  // Started within two days of sign-up, never after it completed nor in the future.
  const startedAt = Math.max(
    tenant.signedUpAt,
    Math.min(completedAt ?? context.now, tenant.signedUpAt + random.int(1, 48) * HOUR_MS),
  );
  const checklist: Record<string, OnboardingStepState> = {};
  let requiredWeight = 0;
  let doneWeight = 0;
  for (const [index, step] of steps.entries()) {
    const completed = index < done;
    if (step.required) {
      requiredWeight += step.weight;
      if (completed) doneWeight += step.weight;
    }
    const at = new Date(completedAt ?? startedAt).toISOString();
    checklist[step.key] = completed
      ? { status: "completed", values: {}, completedBy: tenant.ownerName, completedAt: at, updatedAt: at }
      : { status: "not_started", values: {} };
  }
  const readiness =
    requiredWeight === 0 ? (done === steps.length ? 100 : 0) : Math.round((100 * doneWeight) / requiredWeight);
  // A stalled checklist stopped moving a few days in; one in progress moved lately.
  const lastProgress =
    completedAt ??
    (stalled
      ? Math.min(context.now, startedAt + random.int(1, 6) * DAY_MS)
      : Math.max(startedAt, context.now - random.int(0, 10) * DAY_MS));
  context.buffers.tenant_onboarding.add([
    random.uuid7(tenant.signedUpAt),
    tenant.id,
    template.id,
    tenant.onboardingStatus,
    checklist,
    1 + done,
    tenant.onboardingStatus === "completed" ? 100 : readiness,
    new Date(startedAt),
    completedAt === null ? null : new Date(completedAt),
    completedAt === null ? null : new Date(completedAt),
    new Date(lastProgress),
    new Date(tenant.signedUpAt),
    new Date(lastProgress),
  ]);
}

/** Daily feature use (one row per feature and day, with a count) over the recent history. */
export function writeFeatureUsage(context: DemoContext, random: Random, tenant: SuccessTenant): void {
  // Basic-plan tenants rarely integrate through the API.
  const adopted = TENANT_FEATURE_KEYS.filter(
    (key) => !(tenant.planCode === "basic" && key.startsWith("ApiKey")) && random.chance(0.7),
  );
  const from = Math.max(context.featureUsageFrom, Math.floor(tenant.signedUpAt / DAY_MS) * DAY_MS);
  const users = [tenant.ownerId, ...tenant.memberIds];
  for (let day = from; day < context.now; day += DAY_MS) {
    if (!isActive(tenant.activeSpans, day + 12 * HOUR_MS)) continue;
    const weekend = [0, 6].includes(new Date(day).getUTCDay());
    // A slipping tenant uses fewer features, less often.
    const activity = tenant.risk.activity(day);
    const kept = activity < 0.4 ? adopted.slice(0, Math.max(1, Math.round(adopted.length * activity))) : adopted;
    for (const featureKey of kept) {
      if (!random.chance((weekend ? 0.25 : 0.6) * activity)) continue;
      const at = day + random.int(13, 23) * HOUR_MS + random.int(0, 59) * MINUTE_MS;
      context.buffers.feature_usage.add([
        random.uuid7(at),
        tenant.id,
        random.pick(users),
        "tenant",
        featureKey,
        random.int(1, featureKey.startsWith("lead.") ? 25 : 6),
        {},
        new Date(Math.min(at, context.now - MINUTE_MS)),
      ]);
    }
  }
}

const SEVERITY_WEIGHTS = [
  ["sev1", 5],
  ["sev2", 15],
  ["sev3", 40],
  ["sev4", 40],
] as const satisfies readonly (readonly [Severity, number])[];

/**
 * Support incidents. Most are acknowledged and resolved within their SLA, about one in ten late;
 * only recent ones can still be open. A tenant slipping for support reasons (risk.ts) meets
 * sev1/sev2 incidents that drag on for days: the breaches, and recent ones are still open.
 */
export function writeIncidents(context: DemoContext, random: Random, tenant: SuccessTenant): void {
  const months = (context.now - tenant.signedUpAt) / (30 * DAY_MS);
  const count = Math.floor(months * 0.4 + random.next());
  for (let n = 0; n < count; n++) {
    const openedAt = tenant.signedUpAt + random.next() * (context.now - tenant.signedUpAt);
    if (!isActive(tenant.activeSpans, openedAt)) continue;
    const severity = random.weighted(SEVERITY_WEIGHTS);
    const policy = context.reference.slaPolicies[severity];
    const late = random.chance(0.1);
    writeIncident(context, random, tenant, {
      openedAt,
      severity,
      ackAfter: policy.ackMinutes * MINUTE_MS * (late ? 1 + random.next() * 0.5 : 0.1 + random.next() * 0.8),
      resolveAfter:
        policy.resolveMinutes * MINUTE_MS * (late ? 1.05 + random.next() * 0.8 : 0.15 + random.next() * 0.8),
    });
  }
  for (const decline of tenant.risk.declines) {
    if (!decline.causes.has("support")) continue;
    for (let at = decline.from + random.int(0, 7) * DAY_MS; at < Math.min(decline.to, context.now); ) {
      if (!isActive(tenant.activeSpans, at)) break;
      const severity = random.chance(0.35) ? "sev1" : "sev2";
      const policy = context.reference.slaPolicies[severity];
      const resolveAfter = random.int(2, 12) * DAY_MS;
      writeIncident(context, random, tenant, {
        openedAt: at,
        severity,
        ackAfter: policy.ackMinutes * MINUTE_MS * (0.5 + random.next() * 2),
        resolveAfter,
      });
      at += resolveAfter + random.int(7, 30) * DAY_MS;
    }
  }
}

function writeIncident(
  context: DemoContext,
  random: Random,
  tenant: SuccessTenant,
  input: { openedAt: number; severity: Severity; ackAfter: number; resolveAfter: number },
): void {
  const { openedAt, severity } = input;
  const policy = context.reference.slaPolicies[severity];
  const ackDue = openedAt + policy.ackMinutes * MINUTE_MS;
  const resolveDue = openedAt + policy.resolveMinutes * MINUTE_MS;
  const ackAt = openedAt + Math.max(MINUTE_MS, input.ackAfter);
  const resolveAt = Math.max(ackAt + MINUTE_MS, openedAt + input.resolveAfter);
  const acknowledged = ackAt <= context.now;
  const resolved = resolveAt <= context.now;
  const status = resolved ? "resolved" : acknowledged ? "acknowledged" : "open";
  const breached = (resolved ? resolveAt : context.now) > resolveDue || (acknowledged ? ackAt : context.now) > ackDue;
  const escalation = breached ? random.int(1, 2) : 0;
  const id = random.uuid7(openedAt);
  const assignee = random.chance(0.7) ? context.staff.support : context.staff.operations;
  const updated = resolved ? resolveAt : acknowledged ? ackAt : openedAt;
  context.buffers.incidents.add([
    id,
    tenant.id,
    random.pick(INCIDENT_TITLES),
    "Reported by the customer through the tenant app.",
    severity,
    status,
    status === "open" && random.chance(0.3) ? null : assignee,
    escalation,
    new Date(openedAt),
    new Date(ackDue),
    new Date(resolveDue),
    acknowledged ? new Date(ackAt) : null,
    resolved ? new Date(resolveAt) : null,
    new Date(openedAt),
    new Date(updated),
  ]);
  const event = (kind: string, at: number, note: string | null, data: Record<string, unknown> = {}) =>
    context.buffers.incident_events.add([
      random.uuid7(at),
      id,
      kind,
      kind === "opened" ? tenant.ownerId : assignee,
      note,
      data,
      new Date(at),
    ]);
  event("opened", openedAt, null, { severity });
  if (acknowledged) event("acknowledged", ackAt, null);
  if (escalation > 0) {
    // Escalated when the resolve deadline came near (or passed while still unresolved).
    const escalatedAt = Math.max(openedAt, Math.min(context.now, resolveDue - 15 * MINUTE_MS, updated));
    event("escalated", escalatedAt, "SLA at risk", { level: escalation });
  }
  if (resolved) event("resolved", resolveAt, "Fixed and confirmed with the customer.");
}

/** NPS asked every quarter after the second month; about half answer. */
export function writeNps(context: DemoContext, random: Random, tenant: SuccessTenant): void {
  const usual = random.next() * 1.5;
  for (let at = tenant.signedUpAt + 60 * DAY_MS; at < context.now; at += 91 * DAY_MS) {
    if (!isActive(tenant.activeSpans, at) || !random.chance(0.5)) continue;
    // Unhappy while slipping: an unhappy owner (nps) or one let down by support answers low.
    const { risk } = tenant;
    const lean = usual - 5 * Math.max(risk.level(at, "nps"), risk.level(at, "support")) - 1.5 * risk.level(at, "usage");
    const score = Math.max(0, Math.min(10, Math.round(8 + lean + random.normal() * 1.6)));
    const group = score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
    const comment = random.pick(NPS_COMMENTS[group]);
    context.buffers.nps_responses.add([
      random.uuid7(at),
      tenant.id,
      tenant.ownerId,
      score,
      comment || null,
      new Date(at),
    ]);
  }
}

type TaskInput = {
  title: string;
  kind: "task" | "ebr" | "call" | "email";
  createdAt: number;
  dueAt: number;
  runId?: string;
  description?: string;
};

/** The success workspace: notes, tasks (EBRs, calls), playbook runs and the activity timeline. */
export function writeSuccessWork(context: DemoContext, random: Random, tenant: SuccessTenant): void {
  const activity = (kind: string, title: string, at: number, related?: { type: string; id: string }) =>
    context.buffers.activities.add([
      random.uuid7(at),
      tenant.id,
      kind,
      title,
      kind === "system" ? null : tenant.csmId,
      related?.type ?? null,
      related?.id ?? null,
      {},
      new Date(at),
    ]);
  const task = (input: TaskInput) => {
    const id = random.uuid7(input.createdAt);
    const overdueOpen = input.dueAt < context.now - 3 * DAY_MS ? random.chance(0.1) : input.dueAt >= context.now;
    const status = overdueOpen ? "open" : random.chance(0.93) ? "done" : "canceled";
    const completedAt =
      status === "done" ? Math.min(context.now - MINUTE_MS, input.dueAt - random.int(0, 2) * DAY_MS) : null;
    const finishedAt = completedAt === null ? null : Math.max(input.createdAt, completedAt);
    context.buffers.tasks.add([
      id,
      tenant.id,
      input.title,
      input.description ?? null,
      input.kind,
      status,
      tenant.csmId,
      new Date(input.dueAt),
      finishedAt === null ? null : new Date(finishedAt),
      "tenant",
      tenant.id,
      input.runId ?? null,
      tenant.csmId,
      new Date(input.createdAt),
      new Date(finishedAt ?? input.createdAt),
    ]);
    activity(input.kind === "ebr" ? "ebr" : "task", input.title, input.createdAt, { type: "task", id });
  };

  activity("system", "Tenant signed up", tenant.signedUpAt);
  task({ title: "Kickoff call", kind: "call", createdAt: tenant.signedUpAt, dueAt: tenant.signedUpAt + 3 * DAY_MS });
  for (let at = tenant.signedUpAt + 90 * DAY_MS; at < context.now + 30 * DAY_MS; at += 91 * DAY_MS) {
    if (!isActive(tenant.activeSpans, Math.min(at, context.now - MINUTE_MS))) continue;
    const createdAt = Math.min(context.now - HOUR_MS, at - 14 * DAY_MS);
    task({ title: "Quarterly business review", kind: "ebr", createdAt, dueAt: at });
  }
  const notes = random.int(0, 5);
  for (let n = 0; n < notes; n++) {
    const at = tenant.signedUpAt + random.next() * (context.now - tenant.signedUpAt);
    const id = random.uuid7(at);
    const body = random.pick(NOTE_BODIES);
    context.buffers.notes.add([id, tenant.id, tenant.csmId, body, new Date(at), new Date(at)]);
    activity("note", body.slice(0, 60), at, { type: "note", id });
  }
  const emails = random.int(0, 3);
  for (let n = 0; n < emails; n++) {
    activity(
      "email",
      "Sent monthly lead report",
      tenant.signedUpAt + random.next() * (context.now - tenant.signedUpAt),
    );
  }
  const currentlyActive = isActive(tenant.activeSpans, context.now - MINUTE_MS);
  if (currentlyActive && tenant.delinquent) startPlaybook(context, random, tenant, "payment_retries", task);
  if (currentlyActive && tenant.lowAdoption) startPlaybook(context, random, tenant, "low_adoption", task);
  if (currentlyActive && tenant.renewalAt !== null && tenant.renewalAt - context.now < 45 * DAY_MS) {
    startPlaybook(context, random, tenant, "renewal_prep", task);
  }
}

function startPlaybook(
  context: DemoContext,
  random: Random,
  tenant: SuccessTenant,
  code: string,
  task: (input: TaskInput) => void,
): void {
  const playbook = context.reference.playbooks.get(code);
  if (!playbook) return;
  const startedAt = context.now - random.int(1, 12) * DAY_MS;
  const runId = random.uuid7(startedAt);
  context.buffers.playbook_runs.add([
    runId,
    tenant.id,
    playbook.id,
    "running",
    tenant.csmId,
    new Date(startedAt),
    null,
  ]);
  for (const step of playbook.steps) {
    task({
      title: step.title,
      kind: "task",
      createdAt: startedAt,
      dueAt: startedAt + step.dueInDays * DAY_MS,
      runId,
      description: playbook.name,
    });
  }
}
