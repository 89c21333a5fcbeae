import type { StaffActor } from "@pp/core/auth/actors";
import { type Permission, staffCan } from "@pp/core/auth/permissions";
import { resolveStaff } from "@pp/core/auth/resolve-session";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getAuth } from "./auth";

/** The signed-in staff member, looked up once per request. */
export const currentStaff = cache(async (): Promise<StaffActor | null> => {
  // Reading headers first marks the page dynamic before anything needs secrets.
  const requestHeaders = await headers();
  return resolveStaff(getAuth(), requestHeaders);
});

/** For pages: signed-out users go to sign-in; a role without the permission sees the 403 page. */
export async function requireStaff(permission?: Permission): Promise<StaffActor> {
  const staff = await currentStaff();
  if (!staff) redirect("/sign-in");
  if (permission && !staffCan(staff.role, permission)) forbidden();
  return staff;
}
