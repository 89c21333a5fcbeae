import type { MemberActor } from "@pp/core/auth/actors";
import { type TenantRole, tenantRoleAtLeast } from "@pp/core/auth/permissions";
import { findMembership, getSignedInUser, type SignedInUser } from "@pp/core/auth/resolve-session";
import { getTenantBySlug } from "@pp/core/tenants/get-tenant-by-slug";
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getAuth } from "./auth";

/** The signed-in user of the tenant app, looked up once per request. */
export const currentUser = cache(async (): Promise<SignedInUser | null> => {
  // Reading headers first marks the page dynamic before anything needs secrets.
  const requestHeaders = await headers();
  return getSignedInUser(getAuth(), requestHeaders, "tenant");
});

/**
 * For pages under /t/[slug]: signed-out users go to sign-in; anyone who is not a member of this
 * tenant gets the same 404 as a tenant that does not exist; a lower role sees the 403 page.
 */
export const requireMember = cache(async (slug: string, options: { role?: TenantRole } = {}) => {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  const actor: MemberActor | null = await findMembership(user, slug);
  if (!actor) notFound();
  const tenant = await getTenantBySlug(slug);
  if (!tenant) notFound();
  if (options.role && !tenantRoleAtLeast(actor.role, options.role)) forbidden();
  return { actor, tenant };
});
