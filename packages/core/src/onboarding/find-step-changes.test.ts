import { describe, expect, it } from "vitest";
import { findStepChanges } from "./find-step-changes";
import { stepValidationError } from "./step-validation-error";
import { buildTemplateSections, type FieldDescriptor } from "./templates";

const steps = buildTemplateSections("plumbing").flatMap((section) => section.steps);
const fieldsOf = (key: string) =>
  (steps.find((step) => step.key === key)?.fields ?? {}) as Record<string, FieldDescriptor>;

describe("findStepChanges", () => {
  const fields = fieldsOf("company_details");
  const saved = {
    timezone: "America/Chicago",
    serviceAreas: ["78701", "78704"],
    contactEmail: "pat@acme.test",
    contactPhone: "+1-512-555-0142",
  };

  it("sees no change where a person would see none (order of ZIPs, e-mail case)", () => {
    const next = { ...saved, serviceAreas: ["78704", "78701"], contactEmail: "Pat@Acme.test", name: "New name" };
    expect(findStepChanges({ fields, saved, next })).toEqual([]);
  });

  it("lists a replaced and a cleared value in words, and ignores values the tenant never had", () => {
    const next = { timezone: "America/Phoenix", serviceAreas: ["78701", "78704"], contactEmail: "pat@acme.test" };
    expect(findStepChanges({ fields, saved, next })).toEqual([
      { field: "timezone", label: "Time zone", from: "Central (Chicago)", to: "Mountain, no DST (Phoenix)" },
      { field: "contactPhone", label: "Contact phone", from: "+1-512-555-0142", to: "(empty)" },
    ]);
    expect(findStepChanges({ fields, saved: undefined, next })).toEqual([]);
  });
});

describe("stepValidationError", () => {
  it("names the step, the field label and the entry, with details pointing at the form field", () => {
    const step = { key: "team_invitations", title: "Invite the team", fields: fieldsOf("team_invitations") };
    const error = stepValidationError(step, [{ path: "members.1.role", message: "must end with a role" }], {
      members: "sam@acme.test dispatcher\ntom@acme.test boss",
    });
    expect(error.status).toBe(400);
    expect(error.message).toBe(
      "Invite the team: Team members — line 2 (“tom@acme.test boss”) role: must end with a role",
    );
    expect(error.details).toEqual([
      {
        path: "steps.team_invitations.values.members",
        label: "Team members",
        message: "line 2 (“tom@acme.test boss”) role: must end with a role",
      },
    ]);
  });
});
