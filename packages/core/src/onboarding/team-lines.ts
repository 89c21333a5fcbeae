import type { TENANT_ROLES } from "@pp/db/schema";

type TenantRole = (typeof TENANT_ROLES)[number];

/** One line of the "Invite the team" list, split into its parts (each still to be validated). */
export type TeamLine = { name?: string; email: string; role: string };

const ROLE_WORDS: Record<string, TenantRole> = {
  owner: "owner",
  owners: "owner",
  dispatcher: "dispatcher",
  dispatchers: "dispatcher",
  dispatch: "dispatcher",
  technician: "technician",
  technicians: "technician",
  tech: "technician",
  techs: "technician",
};

/** "Technician", "tech" → "technician"; an unknown word is returned lower-cased for the schema to refuse. */
export function teamRoleOf(word: string): string {
  const key = word.trim().toLowerCase().replace(/[.()]/g, "");
  return ROLE_WORDS[key] ?? key;
}

/**
 * What people type for a team member: "sam@acme.com dispatcher", "sam@acme.com, dispatcher",
 * "Sam Lee <sam@acme.com> - Dispatcher", "Sam Lee <sam@acme.com>, technician", "Sam Lee, sam@acme.com, tech".
 */
export function parseTeamLine(line: string): TeamLine {
  const text = line.trim();
  const bracketed = /^(.*?)<\s*([^<>\s]+)\s*>(.*)$/.exec(text);
  if (bracketed) {
    const name = (bracketed[1] ?? "").replace(/[",]/g, " ").replace(/\s+/g, " ").trim();
    const role = (bracketed[3] ?? "").replace(/^[\s,;:–—-]+/, "").trim();
    return { ...(name ? { name } : {}), email: bracketed[2] ?? "", role: teamRoleOf(role) };
  }
  const parts = text.split(/\s*[,;]\s*|\s+[–—-]\s+|\t/).filter(Boolean);
  const emailIndex = parts.findIndex((part) => part.includes("@"));
  if (emailIndex >= 0 && parts.length >= 2) {
    const email = parts[emailIndex] ?? "";
    const rest = parts.filter((_, index) => index !== emailIndex);
    const role = rest.length > 0 ? (rest.pop() ?? "") : "";
    const name = rest.join(" ").trim();
    return { ...(name ? { name } : {}), email, role: teamRoleOf(role) };
  }
  // "sam@acme.com dispatcher" (space separated), or "Sam Lee sam@acme.com technician".
  const words = text.split(/\s+/);
  const at = words.findIndex((word) => word.includes("@"));
  if (at < 0) return { email: text, role: "" };
  const name = words.slice(0, at).join(" ").trim();
  return { ...(name ? { name } : {}), email: words[at] ?? "", role: teamRoleOf(words.slice(at + 1).join(" ")) };
}
