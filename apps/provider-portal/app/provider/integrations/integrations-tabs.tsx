import { Tabs } from "@pp/ui/tabs";

export type IntegrationsTab = "keys" | "oidc" | "providers" | "test";

const TABS: readonly { key: IntegrationsTab; label: string; href: string }[] = [
  { key: "keys", label: "Keys", href: "/provider/integrations" },
  { key: "oidc", label: "OIDC", href: "/provider/integrations/oidc" },
  { key: "providers", label: "Providers", href: "/provider/integrations/providers" },
  { key: "test", label: "Test", href: "/provider/integrations/test" },
];

/** The Integrations Hub tabs: Keys | OIDC | Providers | Test. */
export function IntegrationsTabs({ current }: { current: IntegrationsTab }) {
  return <Tabs label="Integrations Hub" items={TABS} current={current} />;
}
