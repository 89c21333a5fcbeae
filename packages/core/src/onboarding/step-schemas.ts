import { TENANT_ROLES } from "@pp/db/schema";
import { z } from "zod";
import { zIntParam } from "../input/zod-pieces";
import { ZCompanyProfile } from "../settings/company-profile";
import { parseTeamLine } from "./team-lines";
import { TRAINING_RESOURCES, type Trade } from "./templates";
import { parseUsState } from "./us-states";

const requiredText = (max = 120) => z.string().trim().min(1, "is required").max(max);
const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

const futureDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2027-03-31")
  .refine((value) => value > today(), "has expired — enter the current certificate's expiry date");

const ZInsurance = z.object({
  insuranceCarrier: requiredText(),
  insurancePolicyNumber: requiredText(60),
  insuranceExpiresOn: futureDate,
});

const ZLicenceByTrade = {
  plumbing: z.object({
    licenceNumber: requiredText(60),
    licenceState: z
      .string()
      .trim()
      .max(40)
      .transform((value) => parseUsState(value) ?? value)
      .refine((value) => /^[A-Z]{2}$/.test(value), "must be a US state, like TX or Texas"),
    licenceExpiresOn: futureDate,
    backflowCertificationNumber: requiredText(60),
    backflowCertificationExpiresOn: futureDate,
  }),
  electrical: z.object({
    licenceClass: z.enum(["master", "journeyman", "contractor"], "must be master, journeyman or contractor"),
    licenceNumber: requiredText(60),
    licenceExpiresOn: futureDate,
  }),
  hvac: z.object({
    epa608CertificationNumber: requiredText(60),
  }),
} as const;

/** A team line as typed ("Sam Lee <sam@acme.com> - Dispatcher", "sam@acme.com tech") → { name?, email, role }. */
const ZTeamMember = z.preprocess(
  (value) => (typeof value === "string" ? parseTeamLine(value) : value),
  z.object({
    name: z.string().trim().max(120).optional(),
    email: z.string().trim().toLowerCase().pipe(z.email("must be an email address like name@company.com").max(254)),
    role: z.enum(TENANT_ROLES, "must end with a role: owner, dispatcher or technician"),
  }),
);

/** The list as one text (a line each) or as lines. */
const splitLines = (value: unknown) =>
  typeof value === "string"
    ? value
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
    : value;

const ZTeamInvitations = z.object({
  members: z.preprocess(
    splitLines,
    z
      .array(ZTeamMember, "must list one team member per line")
      .min(1, "add at least one team member")
      .max(50, "at most 50 at once")
      .refine((members) => new Set(members.map((m) => m.email)).size === members.length, "lists an email twice"),
  ),
});

const ZPipelineStages = z.object({
  stages: z.preprocess(
    splitLines,
    z
      .array(
        z.string().trim().min(1, "a stage needs a name").max(40, "at most 40 characters"),
        "must list one stage per line",
      )
      .transform((stages) => stages.filter(Boolean))
      .pipe(
        z
          .array(z.string())
          .min(2, "add at least 2 stages")
          .max(12, "at most 12 stages")
          .refine(
            (stages) => new Set(stages.map((s) => s.toLowerCase())).size === stages.length,
            "names a stage twice",
          ),
      ),
  ),
});

const ZLeadSources = z
  .object({ web: z.boolean(), phone: z.boolean(), imports: z.boolean(), marketplace: z.boolean() })
  .refine((sources) => Object.values(sources).some(Boolean), {
    path: ["web"],
    message: "turn on at least one lead source",
  });

const optionalText = z
  .string()
  .trim()
  .max(254)
  .optional()
  .transform((value) => value || undefined);

export const ZEmailIntegration = z.object({
  host: z
    .string()
    .trim()
    .min(1, "is required")
    .max(253)
    .regex(/^[a-z0-9.-]+$/i, "must be a host name like smtp.example.com"),
  port: zIntParam({ min: 1, max: 65535, message: "must be a port number" }),
  secure: z.boolean().default(false),
  username: optionalText,
  password: optionalText,
  fromAddress: z.string().trim().toLowerCase().pipe(z.email("must be an email address like office@company.com")),
});

const ZCalendarIntegration = z.object({
  icsUrl: z.url({ protocol: /^(https?|webcal)$/, error: "must be an http(s) or webcal URL" }).max(2000),
});

const ZQuickbooksIntegration = z.object({
  clientId: requiredText(200),
  clientSecret: optionalText,
  environment: z.enum(["sandbox", "production"], "must be sandbox or production"),
});

const hexColour = z.string().trim().regex(HEX_COLOUR, "must be a hex colour like #1d4ed8");

const ZBranding = z.object({
  primaryColor: hexColour.transform((value) => value.toLowerCase()),
  accentColor: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .pipe(hexColour.optional()),
});

const ZTraining = z.object(
  Object.fromEntries(
    TRAINING_RESOURCES.map((resource) => [resource.key, z.literal(true, "confirm this resource was reviewed")]),
  ),
);

const ZGoLive = z.object({ confirmed: z.literal(true, "confirm you are ready to go live") });

/** The zod schema a step's values must satisfy to be completed (drafts are never validated). */
export function stepSchema(trade: Trade, stepKey: string): z.ZodType | undefined {
  switch (stepKey) {
    case "company_details":
      return ZCompanyProfile;
    case "licence_insurance":
      return ZLicenceByTrade[trade].extend(ZInsurance.shape);
    case "team_invitations":
      return ZTeamInvitations;
    case "pipeline_stages":
      return ZPipelineStages;
    case "lead_sources":
      return ZLeadSources;
    case "email_integration":
      return ZEmailIntegration;
    case "calendar_integration":
      return ZCalendarIntegration;
    case "quickbooks_integration":
      return ZQuickbooksIntegration;
    case "branding":
      return ZBranding;
    case "training":
      return ZTraining;
    case "go_live":
      return ZGoLive;
    default:
      return undefined;
  }
}

export type TTeamInvitations = z.output<typeof ZTeamInvitations>;
export type TPipelineStages = z.output<typeof ZPipelineStages>;
export type TLeadSources = z.output<typeof ZLeadSources>;
export type TEmailIntegration = z.output<typeof ZEmailIntegration>;
export type TCalendarIntegration = z.output<typeof ZCalendarIntegration>;
export type TQuickbooksIntegration = z.output<typeof ZQuickbooksIntegration>;
export type TBranding = z.output<typeof ZBranding>;
export { ZBranding, ZCalendarIntegration, ZLeadSources, ZPipelineStages, ZQuickbooksIntegration, ZTeamInvitations };
