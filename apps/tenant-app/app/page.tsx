import { listUserTenants } from "@pp/core/auth/resolve-session";
import { AuthCard } from "@pp/ui/auth-forms";
import { EmptyState } from "@pp/ui/empty-state";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/session";

export const metadata: Metadata = { title: "Choose a workspace" };

// GET / – lands a signed-in user in their tenant; a chooser when they belong to several.
export default async function HomePage() {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  const workspaces = await listUserTenants(user.userId, user.ssoTenantId);
  const [only] = workspaces;
  if (only && workspaces.length === 1) redirect(`/t/${only.slug}`);
  return (
    <AuthCard title="Choose a workspace" subtitle={`Signed in as ${user.email}`}>
      {workspaces.length === 0 ? (
        <EmptyState
          title="No workspace yet"
          description="Your account is not part of any contractor workspace. Ask your company's owner to invite you."
        />
      ) : (
        <ul className="flex flex-col gap-2">
          {workspaces.map((workspace) => (
            <li key={workspace.slug}>
              <Link
                href={`/t/${workspace.slug}`}
                className="flex items-center justify-between rounded-md border border-line px-4 py-3 hover:bg-canvas"
              >
                <span className="font-medium text-slate-900">{workspace.name}</span>
                <span className="text-xs capitalize text-slate-500">{workspace.role}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </AuthCard>
  );
}
