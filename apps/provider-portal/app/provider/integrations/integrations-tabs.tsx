import { Card } from "@pp/ui/card";
import { PageHeader } from "@pp/ui/page-header";
import { Tabs } from "@pp/ui/tabs";
import type { ReactNode } from "react";

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

/**
 * The top of an Integrations Hub tab: the hub's header with what this tab is for, the tabs, and
 * (for those who may) the card that creates this tab's thing.
 */
export function IntegrationsTop({
  current,
  description,
  create,
}: {
  current: IntegrationsTab;
  description: string;
  /** Shown only to those who may create: the card's title, what to know first, and the form. */
  create?: { title: string; description: string; form: ReactNode };
}) {
  return (
    <>
      <PageHeader eyebrow="Federation" title="Integrations Hub" description={description} />
      <IntegrationsTabs current={current} />
      {create ? (
        <Card className="mb-6" title={create.title} description={create.description}>
          {create.form}
        </Card>
      ) : null}
    </>
  );
}
