import { db } from "@pp/db";
import { accounts, memberships, oidcConnectionDomains, tenants, users } from "@pp/db/schema";
import { and, eq, sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { type AuditContext, recordAuditEvent } from "../../audit/record-audit-event";
import { emailDomainOf } from "../email-domains";
import type { SsoConnection } from "../sso-connection";
import { SsoLoginFailure } from "./sso-errors";

export type ProvisionSsoMemberOptions = {
  /** A tenant connection (tenantId set). */
  connection: SsoConnection & { tenantId: string };
  /** As the identity provider vouched for it: lower-cased, within the connection's domains. */
  email: string;
  name: string;
  context: AuditContext;
};

/**
 * The tenant-app user behind an SSO identity: the existing user with that email, or a new one;
 * on their first SSO sign-in to this tenant, a membership with the connection's default role
 * (audited `sso.member_provisioned`). An existing membership keeps its role. Guards: the email's
 * domain must be claimed by this connection; users and memberships are created only from a domain
 * whose ownership was proved (DNS TXT); an existing user with a password is linked only when
 * already a member of this tenant (else an IdP could take over an account it does not own).
 */
export async function provisionSsoMember(options: ProvisionSsoMemberOptions) {
  const { connection, email } = options;
  return db.transaction(async (tx) => {
    const [tenant] = await tx
      .select({ slug: tenants.slug })
      .from(tenants)
      .where(eq(tenants.id, connection.tenantId))
      .limit(1);
    if (!tenant) throw new Error(`The connection's tenant ${connection.tenantId} no longer exists`);

    const domain = emailDomainOf(email) ?? "";
    const [claim] = await tx
      .select({ verifiedAt: oidcConnectionDomains.verifiedAt })
      .from(oidcConnectionDomains)
      .where(and(eq(oidcConnectionDomains.domain, domain), eq(oidcConnectionDomains.connectionId, connection.id)))
      .limit(1);
    if (!claim) {
      throw new SsoLoginFailure("email_domain", "claims", `${domain} is not claimed by this connection`, email);
    }

    const byEmail = sql`lower(${users.email}) = ${email}`;
    let [user] = await tx.select({ id: users.id }).from(users).where(byEmail).limit(1);
    const userCreated = !user;
    const [existing] = user
      ? await tx
          .select({ id: memberships.id })
          .from(memberships)
          .where(and(eq(memberships.tenantId, connection.tenantId), eq(memberships.userId, user.id)))
          .limit(1)
      : [];
    if (user && !existing) {
      const [password] = await tx
        .select({ id: accounts.id })
        .from(accounts)
        .where(and(eq(accounts.userId, user.id), eq(accounts.providerId, "credential")))
        .limit(1);
      if (password) {
        throw new SsoLoginFailure(
          "not_member",
          "provisioning",
          `${email} has a password account and is not a member of this tenant; SSO does not link it`,
          email,
        );
      }
    }
    if (!existing && !claim.verifiedAt) {
      throw new SsoLoginFailure(
        "domain_unverified",
        "provisioning",
        `${domain} has no verified DNS proof, so ${email} cannot be provisioned`,
        email,
      );
    }
    if (!user) {
      // Two first sign-ins at once: the unique email index lets one insert win; both then read it.
      await tx
        .insert(users)
        .values({ id: uuidv7(), name: options.name, email, emailVerified: true })
        .onConflictDoNothing();
      [user] = await tx.select({ id: users.id }).from(users).where(byEmail).limit(1);
    }
    if (!user) throw new Error(`Could not create the user ${email}`);

    const [inserted] = await tx
      .insert(memberships)
      .values({ tenantId: connection.tenantId, userId: user.id, role: connection.defaultRole })
      .onConflictDoNothing()
      .returning();
    if (inserted) {
      await recordAuditEvent(
        {
          actor: { kind: "account", userId: user.id, email, staff: false },
          action: "sso.member_provisioned",
          tenantId: connection.tenantId,
          target: { type: "membership", id: inserted.id },
          after: { userId: user.id, email, role: inserted.role },
          metadata: { connectionId: connection.id, connection: connection.name, userCreated },
          context: options.context,
        },
        tx,
      );
    }
    const [membership] = await tx
      .select({ id: memberships.id, role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.tenantId, connection.tenantId), eq(memberships.userId, user.id)))
      .limit(1);
    if (!membership) throw new Error(`No membership for ${email} in tenant ${connection.tenantId}`);
    return { userId: user.id, tenantSlug: tenant.slug, membership, provisioned: Boolean(inserted), userCreated };
  });
}
