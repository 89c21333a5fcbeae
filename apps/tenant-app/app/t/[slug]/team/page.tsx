import { tenantRoleAtLeast } from "@pp/core/auth/permissions";
import { listTeam } from "@pp/core/team/list-team";
import { Badge, StatusBadge } from "@pp/ui/badge";
import { Card } from "@pp/ui/card";
import { DataTable } from "@pp/ui/data-table";
import { EmptyState } from "@pp/ui/empty-state";
import { InviteForm } from "@pp/ui/invite-form";
import { PageHeader } from "@pp/ui/page-header";
import { MailPlus } from "lucide-react";
import type { Metadata } from "next";
import { Section } from "@/components/section";
import { InvitationActions } from "@/components/team/invitation-actions";
import { MemberRoleSelect, RemoveMemberButton } from "@/components/team/member-actions";
import { ROLE_OPTIONS, roleLabel } from "@/components/team/roles";
import { formatDay } from "@/lib/format";
import { requireMember } from "@/lib/session";

export const metadata: Metadata = { title: "Team" };

// /t/[slug]/team – members and pending invitations; owners invite, change roles and remove, others read.
export default async function TeamPage({ params }: PageProps<"/t/[slug]/team">) {
  const { slug } = await params;
  const { actor, tenant } = await requireMember(slug);
  const team = await listTeam({ tenantId: tenant.id });
  const canManage = tenantRoleAtLeast(actor.role, "owner");
  const zone = tenant.timezone;

  return (
    <>
      <PageHeader
        title="Team"
        description={
          canManage
            ? "Invite the people who work your leads, and choose what each of them can do."
            : "Who works in this workspace. Only owners can invite people or change roles."
        }
      />
      <div className="space-y-6">
        {canManage ? (
          <Card
            title="Invite someone"
            description="They get an email with a link to join. Invitations expire after 7 days."
          >
            <InviteForm url={`/api/t/${slug}/team/invitations`} roles={ROLE_OPTIONS} defaultRole="technician" />
          </Card>
        ) : null}

        <Section
          title="Members"
          description={`${team.members.length} ${team.members.length === 1 ? "person" : "people"}`}
        >
          <DataTable
            caption="Members"
            rows={team.members}
            rowKey={(member) => member.id}
            columns={[
              {
                key: "name",
                header: "Name",
                cell: (member) => (
                  <span className="font-medium text-slate-900">
                    {member.name || member.email}
                    {member.userId === actor.userId ? (
                      <Badge tone="brand" className="ml-2">
                        You
                      </Badge>
                    ) : null}
                  </span>
                ),
              },
              { key: "email", header: "Email", cell: (member) => member.email },
              {
                key: "role",
                header: "Role",
                cell: (member) =>
                  canManage ? (
                    <MemberRoleSelect
                      slug={slug}
                      member={{
                        id: member.id,
                        name: member.name || member.email,
                        role: member.role,
                        isSelf: member.userId === actor.userId,
                      }}
                    />
                  ) : (
                    roleLabel(member.role)
                  ),
              },
              { key: "joined", header: "Joined", cell: (member) => formatDay(member.joinedAt, zone) },
              ...(canManage
                ? [
                    {
                      key: "actions",
                      header: <span className="sr-only">Actions</span>,
                      align: "right" as const,
                      cell: (member: (typeof team.members)[number]) => (
                        <RemoveMemberButton
                          slug={slug}
                          member={{
                            id: member.id,
                            name: member.name || member.email,
                            role: member.role,
                            isSelf: member.userId === actor.userId,
                          }}
                        />
                      ),
                    },
                  ]
                : []),
            ]}
            empty={<EmptyState title="No members" description="Invite your first teammate above." />}
          />
        </Section>

        <Section title="Pending invitations" description="Invitations that have not been accepted yet.">
          <DataTable
            caption="Pending invitations"
            rows={team.invitations}
            rowKey={(invitation) => invitation.id}
            columns={[
              {
                key: "email",
                header: "Email",
                cell: (invitation) => <span className="font-medium text-slate-900">{invitation.email}</span>,
              },
              { key: "role", header: "Role", cell: (invitation) => roleLabel(invitation.role) },
              { key: "invitedBy", header: "Invited by", cell: (invitation) => invitation.invitedByName ?? "—" },
              {
                key: "expires",
                header: "Expires",
                cell: (invitation) =>
                  invitation.expired ? <StatusBadge status="expired" /> : formatDay(invitation.expiresAt, zone),
              },
              ...(canManage
                ? [
                    {
                      key: "actions",
                      header: <span className="sr-only">Actions</span>,
                      align: "right" as const,
                      cell: (invitation: (typeof team.invitations)[number]) => (
                        <InvitationActions
                          slug={slug}
                          invitation={{ id: invitation.id, email: invitation.email, role: invitation.role }}
                        />
                      ),
                    },
                  ]
                : []),
            ]}
            empty={
              <EmptyState
                icon={<MailPlus />}
                title="No pending invitations"
                description={
                  canManage
                    ? "Invite a dispatcher or technician with the form above."
                    : "Ask an owner to invite anyone who is missing."
                }
              />
            }
          />
        </Section>
      </div>
    </>
  );
}
