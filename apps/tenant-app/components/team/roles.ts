export const ROLE_OPTIONS = [
  { value: "owner", label: "Owner", description: "Everything, including team, settings and billing" },
  { value: "dispatcher", label: "Dispatcher", description: "Works leads and schedules jobs" },
  { value: "technician", label: "Technician", description: "Sees the jobs assigned to them" },
] as const;

export type RoleValue = (typeof ROLE_OPTIONS)[number]["value"];

export function roleLabel(role: string): string {
  return ROLE_OPTIONS.find((option) => option.value === role)?.label ?? role;
}
