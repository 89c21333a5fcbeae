import { Tabs } from "@pp/ui/tabs";

export type IntegrationsTab = "keys";

// Only tabs whose page exists: OIDC, Providers and Test join here when their issues land.
const TABS: readonly { key: IntegrationsTab; label: string; href: string }[] = [
  { key: "keys", label: "Keys", href: "/provider/integrations" },
];

/** The Integrations Hub tabs (Keys | OIDC | Providers | Test, as each is built). */
export function IntegrationsTabs({ current }: { current: IntegrationsTab }) {
  return <Tabs label="Integrations Hub" items={TABS} current={current} />;
}
