import type { OnboardingSectionTemplate } from "../../schema";
import type { PlanCode, Trade } from "../catalog";
import type { ReferenceData } from "../reference-data";
import type { DemoBuffers } from "./tables";

export type DemoStaff = {
  admin: string;
  operations: string;
  billing: string;
  support: string;
  viewer: string;
  /** Customer success managers: tenants are spread over them. */
  success: string[];
};

/** Everything a tenant simulation reads or appends to. Times are epoch milliseconds. */
export type DemoContext = {
  now: number;
  start: number;
  reference: ReferenceData;
  templates: Map<Trade, { id: string; sections: OnboardingSectionTemplate[] }>;
  staff: DemoStaff;
  buffers: DemoBuffers;
  /** Last invoice number used per `YYYYMM`. */
  invoiceNumbers: Map<string, number>;
  passwordHash: string;
  /** Feature usage is generated from here on (recent history is what adoption metrics read). */
  featureUsageFrom: number;
};

/** What the API usage generator needs to know about a tenant. */
export type TenantProfile = {
  id: string;
  activeSpans: [number, number][];
  /** Relative request volume. */
  weight: number;
  /** Share of the normal volume at a moment (a slipping tenant's usage decays). */
  activity: (at: number) => number;
  /** Users whose requests these are (the first is the owner). */
  actorIds: string[];
  /** Its integration bursts up to (and past) its rate limit at peak hours. */
  heavy: boolean;
  /** The plan's public API limit. */
  rateLimitPerMinute: number;
  /** Its API keys (public API calls use the newest one created before them). */
  apiKeys: { id: string; createdAt: number }[];
  planCode: PlanCode;
};

export const PLAN_ORDER: readonly PlanCode[] = ["basic", "pro", "enterprise"];

export function planOf(context: DemoContext, code: PlanCode) {
  return context.reference.plans[code];
}
