"use client";

import { useEffect, useState } from "react";
import { createPortal } from "react-dom";

/** The id of the element the skip link lands on (the queue's first row, else the queue itself). */
export const QUEUE_ANCHOR_ID = "action-queue";

/**
 * "Skip to queue", the first stop of the Tab order: triage starts at the first row instead of
 * after the sidebar, header and filters. The shared layout has no slot before its sidebar, so the
 * link is placed at the start of <body> while this page is open (and removed when it closes).
 */
export function SkipToQueue() {
  const [host, setHost] = useState<HTMLElement | null>(null);
  useEffect(() => {
    const element = document.createElement("div");
    document.body.prepend(element);
    setHost(element);
    return () => element.remove();
  }, []);
  if (!host) return null;
  return createPortal(
    <a
      href={`#${QUEUE_ANCHOR_ID}`}
      onClick={(event) => {
        const queue = document.getElementById(QUEUE_ANCHOR_ID);
        const target = queue?.querySelector<HTMLElement>("tbody tr[tabindex]") ?? queue;
        if (!target) return;
        event.preventDefault();
        target.focus();
        target.scrollIntoView({ block: "center" });
      }}
      className="sr-only z-50 rounded-md bg-brand-700 text-sm font-medium text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:px-3 focus:py-2 focus:shadow-card"
    >
      Skip to queue
    </a>,
    host,
  );
}
