import type { MemberActor, StaffActor } from "@pp/core/auth/actors";
import { type Permission, staffCan, type TenantRole, tenantRoleAtLeast } from "@pp/core/auth/permissions";
import { AppError } from "@pp/core/errors";
import type { BaseContext, Step } from "./compose";

/** Finds the signed-in staff member of a request; null when there is no staff session. */
export type StaffResolver = (request: Request) => Promise<StaffActor | null>;

/**
 * Finds the signed-in user's membership of one tenant: null when nobody is signed in,
 * "not_member" when the user is signed in but does not belong to that tenant.
 */
export type MemberResolver = (request: Request, tenantSlug: string) => Promise<MemberActor | "not_member" | null>;

export type ProviderAuthContext = { actor: StaffActor };
export type TenantAuthContext = { actor: MemberActor; tenantId: string; tenantSlug: string };

/** Apps pass their session lookup once; routes then ask for the one permission they need. */
export function createProviderAuth(resolveStaff: StaffResolver) {
  return function withProviderAuth(permission: Permission): Step<BaseContext, ProviderAuthContext> {
    return async (ctx, next) => {
      const actor = await resolveStaff(ctx.request);
      if (!actor) throw new AppError("unauthenticated", "Sign in to the Provider Portal to continue");
      if (!staffCan(actor.role, permission)) {
        throw new AppError("forbidden", `Your role (${actor.role}) cannot ${describePermission(permission)}`, {
          details: { permission, role: actor.role },
        });
      }
      return next({ actor });
    };
  };
}

/** "billing:write" → "write billing". */
function describePermission(permission: Permission): string {
  const [area, action] = permission.split(":");
  return `${action} ${area}`;
}

export type TenantAuthOptions = {
  /** The least role allowed; ranked, so `dispatcher` admits owners too. */
  role?: TenantRole;
  /** The route param holding the tenant slug; "slug" unless the route names it otherwise. */
  slugParam?: string;
};

// Set by the tenant app's proxy for subdomain routing; the proxy overwrites any client-sent value.
export const TENANT_SLUG_HEADER = "x-tenant-slug";

export function createTenantAuth(resolveMember: MemberResolver) {
  return function withTenantAuth(options: TenantAuthOptions = {}): Step<BaseContext, TenantAuthContext> {
    return async (ctx, next) => {
      const slug = tenantSlugOf(ctx, options.slugParam ?? "slug");
      // Unknown tenants and other tenants look the same: a 404 never confirms a tenant exists.
      if (!slug) throw new AppError("not_found", "Workspace not found");
      const member = await resolveMember(ctx.request, slug);
      if (member === null) throw new AppError("unauthenticated", "Sign in to continue");
      if (member === "not_member" || member.tenantSlug !== slug) {
        throw new AppError("not_found", "Workspace not found");
      }
      if (options.role && !tenantRoleAtLeast(member.role, options.role)) {
        throw new AppError(
          "forbidden",
          `Your role (${member.role}) cannot do this — it needs ${options.role} or above`,
          {
            details: { role: member.role, required: options.role },
          },
        );
      }
      return next({ actor: member, tenantId: member.tenantId, tenantSlug: member.tenantSlug });
    };
  };
}

function tenantSlugOf(ctx: BaseContext, slugParam: string): string | null {
  const fromPath = ctx.params[slugParam];
  if (typeof fromPath === "string" && fromPath !== "") return fromPath;
  return ctx.request.headers.get(TENANT_SLUG_HEADER);
}
