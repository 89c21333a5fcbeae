import type { OnboardingSectionTemplate, TRADES } from "@pp/db/schema";
import { TIME_ZONE_OPTIONS } from "../settings/time-zones";
import { trainingGuidePath } from "./training-guides";

export type Trade = (typeof TRADES)[number];

/** How a step field is edited; the portal and the tenant app render the same form from it. */
export type FieldKind =
  | "text"
  | "email"
  | "url"
  | "date"
  | "number"
  | "color"
  | "password"
  | "boolean"
  | "select"
  | "lines"
  | "hours"
  /** The Settings time-zone picker (options = the zones offered). */
  | "timezone"
  /** Service-area ZIP codes, as Settings takes them (commas, spaces or lines; ZIP+4). */
  | "zips"
  | "phone"
  /** "Invite the team": one person a line. */
  | "team";

export type FieldDescriptor = {
  label: string;
  kind: FieldKind;
  hint?: string;
  options?: { value: string; label: string }[];
  /** Pre-filled value when a step is first opened (e.g. the trade's default pipeline). */
  defaultValue?: unknown;
  /** Position in the form: jsonb does not keep object key order. */
  order?: number;
};

/** Bump when a trade's sections change: tenants keep the version they started with. */
export const ONBOARDING_TEMPLATE_VERSION = 2;

/** Steps the tenant's owner completes in the tenant app; staff can complete every step. */
export const OWNER_STEP_KEYS: ReadonlySet<string> = new Set([
  "company_details",
  "licence_insurance",
  "branding",
  "training",
  "go_live",
]);

/** Steps whose named fields are secrets: never kept in the checklist, only encrypted in tenant_integrations. */
export const SECRET_FIELDS: Readonly<Record<string, readonly string[]>> = {
  email_integration: ["password"],
  quickbooks_integration: ["clientSecret"],
};

export const DEFAULT_PIPELINE_STAGES: Record<Trade, string[]> = {
  plumbing: ["New lead", "Contacted", "Site visit booked", "Quote sent", "Job scheduled", "Completed", "Invoiced"],
  electrical: ["New lead", "Contacted", "Site survey", "Estimate sent", "Permit filed", "Job scheduled", "Completed"],
  hvac: [
    "New lead",
    "Contacted",
    "Diagnostic visit",
    "Quote sent",
    "Install scheduled",
    "Completed",
    "Maintenance plan",
  ],
};

export const TRAINING_RESOURCES = [
  { key: "leadsWalkthrough", label: "Read “Working your leads” (12 min)", url: trainingGuidePath("leads") },
  { key: "disputesGuide", label: "Read “Disputing a bad lead” (5 min)", url: trainingGuidePath("disputes") },
  { key: "teamGuide", label: "Read “Dispatching your team” (6 min)", url: trainingGuidePath("team") },
] as const;

const TRADE_OPTIONS = [
  { value: "plumbing", label: "Plumbing" },
  { value: "electrical", label: "Electrical" },
  { value: "hvac", label: "HVAC" },
];

const LICENCE_FIELDS: Record<Trade, Record<string, FieldDescriptor>> = {
  plumbing: {
    licenceNumber: { label: "Plumbing licence number", kind: "text" },
    licenceState: { label: "Licence state", kind: "text", hint: "e.g. TX or Texas" },
    licenceExpiresOn: { label: "Licence expiry date", kind: "date" },
    backflowCertificationNumber: { label: "Backflow certification number", kind: "text" },
    backflowCertificationExpiresOn: { label: "Backflow certification expiry", kind: "date" },
  },
  electrical: {
    licenceClass: {
      label: "Licence class",
      kind: "select",
      options: [
        { value: "master", label: "Master electrician" },
        { value: "journeyman", label: "Journeyman" },
        { value: "contractor", label: "Electrical contractor" },
      ],
    },
    licenceNumber: { label: "Electrical licence number", kind: "text" },
    licenceExpiresOn: { label: "Licence expiry date", kind: "date" },
  },
  hvac: {
    epa608CertificationNumber: { label: "EPA 608 certification number", kind: "text" },
  },
};

const INSURANCE_FIELDS: Record<string, FieldDescriptor> = {
  insuranceCarrier: { label: "Insurance carrier", kind: "text" },
  insurancePolicyNumber: { label: "Certificate / policy number", kind: "text" },
  insuranceExpiresOn: { label: "Insurance expiry date", kind: "date", hint: "Must be in the future" },
};

/** The checklist for one trade, as stored in onboarding_templates.sections (runbook §4.1). */
export function buildTemplateSections(trade: Trade): OnboardingSectionTemplate[] {
  return sections(trade).map((section) => ({
    ...section,
    steps: section.steps.map((step) => ({
      ...step,
      fields: Object.fromEntries(
        Object.entries(step.fields as Record<string, FieldDescriptor>).map(([name, field], order) => [
          name,
          { ...field, order },
        ]),
      ),
    })),
  }));
}

function sections(trade: Trade): OnboardingSectionTemplate[] {
  return [
    {
      key: "company_profile",
      title: "Company Profile",
      steps: [
        {
          key: "company_details",
          title: "Company details",
          required: true,
          weight: 3,
          fields: {
            name: { label: "Company name", kind: "text" },
            trade: { label: "Trade", kind: "select", options: TRADE_OPTIONS, defaultValue: trade },
            timezone: {
              label: "Time zone",
              kind: "timezone",
              options: TIME_ZONE_OPTIONS.map((zone) => ({ ...zone })),
              defaultValue: "America/New_York",
            },
            serviceAreas: {
              label: "Service area ZIP codes",
              kind: "zips",
              hint: "5-digit ZIP codes (ZIP+4 is fine), separated by commas, spaces or new lines",
            },
            businessHours: { label: "Business hours", kind: "hours" },
            contactName: { label: "Contact name", kind: "text" },
            contactEmail: { label: "Contact email", kind: "email" },
            contactPhone: { label: "Contact phone", kind: "phone" },
          } satisfies Record<string, FieldDescriptor>,
        },
        {
          key: "licence_insurance",
          title: "Licence & insurance",
          required: true,
          weight: 2,
          fields: { ...LICENCE_FIELDS[trade], ...INSURANCE_FIELDS },
        },
      ],
    },
    {
      key: "roles_permissions",
      title: "Roles & Permissions",
      steps: [
        {
          key: "team_invitations",
          title: "Invite the team",
          required: true,
          weight: 2,
          fields: {
            members: {
              label: "Team members",
              kind: "team",
              hint: "One person a line: name, email and role (owner, dispatcher or technician), e.g. Sam Lee <sam@acme.com> - Dispatcher",
            },
          } satisfies Record<string, FieldDescriptor>,
        },
      ],
    },
    {
      key: "pipelines_workflows",
      title: "Pipelines & Workflows",
      steps: [
        {
          key: "pipeline_stages",
          title: "Lead pipeline stages",
          required: true,
          weight: 2,
          fields: {
            stages: {
              label: "Stages, in order",
              kind: "lines",
              hint: "One stage per line (2–12)",
              defaultValue: DEFAULT_PIPELINE_STAGES[trade],
            },
          } satisfies Record<string, FieldDescriptor>,
        },
      ],
    },
    {
      key: "lead_sources",
      title: "Lead Sources",
      steps: [
        {
          key: "lead_sources",
          title: "Where leads come from",
          required: true,
          weight: 1,
          fields: {
            web: { label: "Web forms", kind: "boolean", defaultValue: true },
            phone: { label: "Phone calls", kind: "boolean", defaultValue: true },
            imports: { label: "CSV imports", kind: "boolean", defaultValue: false },
            marketplace: { label: "Marketplace leads", kind: "boolean", defaultValue: true },
          } satisfies Record<string, FieldDescriptor>,
        },
      ],
    },
    {
      key: "integrations",
      title: "Integrations",
      steps: [
        {
          key: "email_integration",
          title: "Email (SMTP)",
          required: false,
          weight: 1,
          fields: {
            host: { label: "SMTP host", kind: "text" },
            port: { label: "SMTP port", kind: "number", defaultValue: 587 },
            secure: { label: "Use TLS from the start (port 465)", kind: "boolean", defaultValue: false },
            username: { label: "Username", kind: "text", hint: "Leave empty when the server needs no sign-in" },
            password: {
              label: "Password",
              kind: "password",
              hint: "Stored encrypted; leave empty to keep the saved one",
            },
            fromAddress: { label: "Send as (from address)", kind: "email" },
          } satisfies Record<string, FieldDescriptor>,
        },
        {
          key: "calendar_integration",
          title: "Calendar",
          required: false,
          weight: 1,
          fields: {
            icsUrl: { label: "Calendar feed URL (ICS / CalDAV)", kind: "url", hint: "Checked on completion" },
          } satisfies Record<string, FieldDescriptor>,
        },
        {
          key: "quickbooks_integration",
          title: "QuickBooks",
          required: false,
          weight: 1,
          fields: {
            clientId: { label: "OAuth client id", kind: "text" },
            clientSecret: { label: "OAuth client secret", kind: "password", hint: "Stored encrypted" },
            environment: {
              label: "Environment",
              kind: "select",
              options: [
                { value: "sandbox", label: "Sandbox" },
                { value: "production", label: "Production" },
              ],
              defaultValue: "sandbox",
            },
          } satisfies Record<string, FieldDescriptor>,
        },
      ],
    },
    {
      key: "branding",
      title: "Branding",
      steps: [
        {
          key: "branding",
          title: "Brand colours",
          required: true,
          weight: 1,
          fields: {
            primaryColor: { label: "Primary colour", kind: "color", defaultValue: "#2563eb" },
            accentColor: { label: "Accent colour (optional)", kind: "color" },
          } satisfies Record<string, FieldDescriptor>,
        },
      ],
    },
    {
      key: "training_go_live",
      title: "Training & Go-Live",
      steps: [
        {
          key: "training",
          title: "Training resources",
          required: true,
          weight: 1,
          fields: Object.fromEntries(
            TRAINING_RESOURCES.map((resource) => [
              resource.key,
              { label: resource.label, kind: "boolean", hint: resource.url } satisfies FieldDescriptor,
            ]),
          ),
        },
        {
          key: "go_live",
          title: "Go-live confirmation",
          required: true,
          weight: 1,
          fields: {
            confirmed: { label: "We are ready to receive live leads", kind: "boolean", defaultValue: false },
          } satisfies Record<string, FieldDescriptor>,
        },
      ],
    },
  ];
}

export const ONBOARDING_TRADES: readonly Trade[] = ["plumbing", "electrical", "hvac"];
