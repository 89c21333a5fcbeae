import { TenantShell } from "@/components/tenant-shell";
import { requireMember } from "@/lib/session";

// /t/[slug] – the tenant shell; requireMember sends strangers to sign-in and non-members to a 404.
export default async function TenantLayout({ children, params }: LayoutProps<"/t/[slug]">) {
  const { slug } = await params;
  const { actor, tenant } = await requireMember(slug);
  return (
    <TenantShell
      tenant={{ name: tenant.name, slug: tenant.slug, trade: tenant.trade, status: tenant.status }}
      user={{ name: actor.name, email: actor.email, role: actor.role }}
    >
      {children}
    </TenantShell>
  );
}
