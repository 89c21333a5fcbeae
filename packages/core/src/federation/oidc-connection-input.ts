import { TENANT_ROLES } from "@pp/db/schema";
import { z } from "zod";
import { validationError } from "../errors";
import { type FederationCheckError, insecureUrlReason } from "./discover-issuer";
import { ZEmailDomains } from "./email-domains";

export const ZOidcIssuer = z
  .string()
  .trim()
  .min(1, "is required")
  .max(2000, "must be at most 2,000 characters")
  .superRefine((value, ctx) => {
    const reason = insecureUrlReason(value, "The issuer");
    if (reason) ctx.addIssue({ code: "custom", message: reason.replace(/^The issuer /, "") });
  });

export const ZOidcClientId = z.string().trim().min(1, "is required").max(255, "must be at most 255 characters");
// Not trimmed: a secret is used exactly as the identity provider issued it.
export const ZOidcClientSecret = z
  .string("is required")
  .min(8, "must be at least 8 characters")
  .max(1024, "must be at most 1,024 characters")
  .refine((value) => value.trim() === value && value.length > 0, "must not start or end with spaces");
export const ZOidcConnectionName = z.string().trim().min(1, "is required").max(100, "must be at most 100 characters");
export const ZOidcDefaultRole = z.enum(TENANT_ROLES, "must be owner, dispatcher or technician");

export const ZCreateOidcConnection = z.object({
  /** Null = staff SSO into the Provider Portal. */
  tenantId: z.uuid("must be a tenant id, or null for staff SSO").nullable(),
  name: ZOidcConnectionName,
  issuer: ZOidcIssuer,
  clientId: ZOidcClientId,
  clientSecret: ZOidcClientSecret,
  emailDomains: ZEmailDomains,
  defaultRole: ZOidcDefaultRole.default("technician"),
});
export type TCreateOidcConnection = z.input<typeof ZCreateOidcConnection>;

export const ZUpdateOidcConnection = z
  .object({
    name: ZOidcConnectionName.optional(),
    clientId: ZOidcClientId.optional(),
    /** Write-only: replaces the stored secret; it is never read back. */
    clientSecret: ZOidcClientSecret.optional(),
    emailDomains: ZEmailDomains.optional(),
    defaultRole: ZOidcDefaultRole.optional(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), {
    message: "send at least one of name, clientId, clientSecret, emailDomains, defaultRole",
  });
export type TUpdateOidcConnection = z.input<typeof ZUpdateOidcConnection>;

/** A discovery failure at create time is a 400 on the issuer field, with the reason. */
export function issuerError(error: FederationCheckError): never {
  throw validationError([{ path: "issuer", message: error.message }], (path) => `Invalid field "${path}"`);
}
