import { db, type Executor } from "@pp/db";
import { z } from "zod";
import type { AuditContext } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { changeIncident, type IncidentChangeResult } from "./change-incident";
import { incidentText } from "./incident-input";

export const ZWaitOnCustomer = z.object({ note: incidentText("Say what you need from the customer", 10_000) });
export type TWaitOnCustomer = z.input<typeof ZWaitOnCustomer>;

/**
 * Waiting on customer: asks the client for something and pauses the resolve clock until they
 * reply (or staff resume it). Only after acknowledgement: the acknowledge clock never pauses.
 */
export async function waitOnCustomer(
  options: TWaitOnCustomer & { incidentId: string; actor: StaffActor; now?: Date; context?: AuditContext },
  executor: Executor = db,
): Promise<IncidentChangeResult> {
  const { note } = parseInput(ZWaitOnCustomer, { note: options.note });
  return changeIncident(
    {
      ...options,
      now: options.now ?? new Date(),
      decide: (incident) => {
        if (incident.status === "open") throw new AppError("conflict", "Acknowledge the incident first");
        if (incident.status !== "acknowledged") {
          throw new AppError("conflict", `This incident is ${incident.status.replaceAll("_", " ")}`);
        }
        return {
          kind: "waiting_on_customer",
          note,
          visibility: "customer",
          set: { status: "waiting_on_customer" },
          timeline: "Waiting on customer",
        };
      },
    },
    executor,
  );
}
