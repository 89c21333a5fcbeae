"use client";

import { Tabs } from "@pp/ui/tabs";
import { useSelectedLayoutSegment } from "next/navigation";
import { clientTabs } from "./tabs";

/** Client 360's tabs; the current one follows the URL segment (none = Overview). */
export function ClientTabs({ tenantId }: { tenantId: string }) {
  const segment = useSelectedLayoutSegment();
  return <Tabs label="Client 360" items={clientTabs(tenantId)} current={segment ?? "overview"} />;
}
