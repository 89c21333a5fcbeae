import {
  Activity,
  BadgeDollarSign,
  Building2,
  ClipboardCheck,
  Cog,
  Gauge,
  HeartPulse,
  KeyRound,
  LayoutDashboard,
  LifeBuoy,
  ListChecks,
  type LucideIcon,
  MessageSquareWarning,
  Receipt,
  ShieldCheck,
  Siren,
  Tags,
  TrendingUp,
} from "lucide-react";

/** The icon of each page in lib/navigation.ts (icons are components, so they live apart from the data). */
export const NAV_ICONS: Record<string, LucideIcon> = {
  "/provider": LayoutDashboard,
  "/provider/action-center": Siren,
  "/provider/clients": Building2,
  "/provider/tenant-health": HeartPulse,
  "/provider/tenant-onboarding": ClipboardCheck,
  "/provider/leads": MessageSquareWarning,
  "/provider/tasks": ListChecks,
  "/provider/revenue-intelligence": TrendingUp,
  "/provider/billing": Receipt,
  "/provider/pricing": Tags,
  "/provider/api-usage": Activity,
  "/provider/integrations": KeyRound,
  "/provider/reliability": Gauge,
  "/provider/incidents": LifeBuoy,
  "/provider/security": ShieldCheck,
  "/provider/settings": Cog,
};

export function navIcon(href: string): LucideIcon {
  return NAV_ICONS[href] ?? BadgeDollarSign;
}
