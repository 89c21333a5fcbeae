import { z } from "zod";

// A DNS name with at least one dot: "acme.com", "mail.acme.co.uk"; "localhost" is not a domain users sign in from.
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The lower-cased domain of an email address, or null when it has none. */
export function emailDomainOf(email: string): string | null {
  const at = email.trim().lastIndexOf("@");
  if (at < 1) return null;
  const domain = email
    .trim()
    .slice(at + 1)
    .toLowerCase();
  return DOMAIN.test(domain) ? domain : null;
}

/** Email domains for home-realm discovery: trimmed, lower-cased, "@" stripped, de-duplicated. */
export const ZEmailDomains = z
  .array(
    z
      .string()
      .trim()
      .toLowerCase()
      .transform((value) => value.replace(/^@/, ""))
      .refine((value) => DOMAIN.test(value), { message: "must be domains like acme.com" }),
  )
  .min(1, "add at least one email domain, e.g. acme.com")
  .max(50, "must be at most 50 domains")
  .transform((domains) => [...new Set(domains)].sort());
