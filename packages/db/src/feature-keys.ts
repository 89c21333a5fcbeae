/**
 * Every feature whose use we count (feature_usage.feature_key), with what it means. Server-side
 * actions record theirs in the action's transaction; `browser` ones come from the client helper
 * (`@pp/ui/record-feature-use`) because only the browser sees them.
 */
export const FEATURE_KEYS = {
  ApproveDispute: { description: "Staff approved a lead dispute and credited the lead", browser: false },
  RejectDispute: { description: "Staff rejected a lead dispute with a note", browser: false },
  ReclassifyLead: { description: "Staff moved a lead to another category and price", browser: false },
  CreateInvoice: { description: "An invoice was issued to a tenant", browser: false },
  RecordPayment: { description: "A payment was recorded against an invoice", browser: false },
  SendReminder: { description: "An invoice reminder email was sent", browser: false },
  CreateTask: { description: "Staff created a follow-up task for a tenant", browser: false },
  ScheduleEBR: { description: "Staff scheduled an executive business review", browser: false },
  CompleteTask: { description: "Staff completed a success task", browser: false },
  AddNote: { description: "Staff added a note to a client", browser: false },
  StartPlaybook: { description: "Staff started a success playbook for a client", browser: false },
  AnswerNps: { description: "A tenant user answered the NPS survey", browser: false },
  ExtendSubscription: { description: "Staff extended a tenant's subscription", browser: false },
  StartSubscription: { description: "Staff started a subscription for a tenant", browser: false },
  ChangeSubscription: { description: "Staff changed a tenant's plan or quantity", browser: false },
  CancelSubscription: { description: "Staff canceled a tenant's subscription", browser: false },
  ReactivateSubscription: { description: "Staff reactivated a canceled subscription", browser: false },
  ConvertTrial: { description: "Staff converted a trial to a paid subscription", browser: false },
  EscalateIncident: { description: "An incident was escalated", browser: false },
  CreateIncident: { description: "Staff opened an incident", browser: false },
  AcknowledgeIncident: { description: "Staff acknowledged an incident", browser: false },
  ResolveIncident: { description: "Staff resolved an incident with a note", browser: false },
  OpenSupportRequest: { description: "A tenant opened a support request", browser: false },
  SnoozeAction: { description: "Staff snoozed an Action Center item", browser: false },
  RateLimitEdit: { description: "Staff changed a tenant's API rate limit", browser: false },
  ApiKeyCreated: { description: "An API key was created for a tenant", browser: false },
  ApiKeyRevoked: { description: "A tenant API key was revoked", browser: false },
  LeadMoved: {
    description: "A contractor moved a lead along their pipeline, or marked it won or lost",
    browser: false,
  },
  LeadDisputed: { description: "A tenant disputed a lead", browser: false },
  OnboardingStepCompleted: { description: "A tenant completed an onboarding step", browser: false },
  ApplyCoupon: { description: "A contractor applied a coupon code on their Billing page", browser: false },
  OidcConnectionTested: { description: "Staff tested a tenant's OIDC connection", browser: false },
  ExportCsv: { description: "A user downloaded a CSV export", browser: true },
  OpenCommandPalette: { description: "A user opened the command palette", browser: true },
  ViewApiReference: { description: "A user opened the API reference", browser: true },
} as const satisfies Record<string, { description: string; browser: boolean }>;

export type FeatureKey = keyof typeof FEATURE_KEYS;

export const FEATURE_KEY_NAMES = Object.keys(FEATURE_KEYS) as FeatureKey[];

export function isFeatureKey(value: string): value is FeatureKey {
  return Object.hasOwn(FEATURE_KEYS, value);
}

/** The keys only the browser can report (the client helper accepts only these). */
export type BrowserFeatureKey = {
  [K in FeatureKey]: (typeof FEATURE_KEYS)[K]["browser"] extends true ? K : never;
}[FeatureKey];
