import { STAFF_ROLES } from "@pp/db/schema";
import { expect, it } from "vitest";
import { staffRoleWithArticle } from "./staff-role-names";

it("names every staff role as a person in a sentence, with the right article", () => {
  expect(STAFF_ROLES.map(staffRoleWithArticle)).toEqual([
    "an administrator",
    "an operations specialist",
    "a billing specialist",
    "a customer success manager",
    "a support agent",
    "a viewer (read-only access)",
  ]);
});
