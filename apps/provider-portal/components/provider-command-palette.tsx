"use client";

import { StatusBadge } from "@pp/ui/badge";
import { CommandPalette, type CommandPaletteGroup } from "@pp/ui/command-palette";
import { recordFeatureUse } from "@pp/ui/record-feature-use";
import { Building2, ListPlus, Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { NAVIGATION } from "@/lib/navigation";
import { navIcon } from "./nav-icons";

type TenantHit = { id: string; name: string; slug: string; status: string };
type SearchState =
  | { kind: "idle" }
  | { kind: "loading" }
  | { kind: "done"; tenants: TenantHit[]; total: number }
  | { kind: "failed"; message: string };

const SEARCH_DELAY_MS = 150;

/** Cmd/Ctrl-K: jump to any page this staff member may open, or find a tenant by name or slug. */
export function ProviderCommandPalette({ hrefs }: { hrefs: readonly string[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [search, setSearch] = useState<SearchState>({ kind: "idle" });

  useEffect(() => {
    if (open) recordFeatureUse("OpenCommandPalette");
  }, [open]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key.toLowerCase() === "k" && (event.metaKey || event.ctrlKey)) {
        event.preventDefault();
        setOpen((wasOpen) => !wasOpen);
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  useEffect(() => {
    const text = query.trim();
    if (!open || text.length === 0) {
      setSearch({ kind: "idle" });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setSearch({ kind: "loading" });
      try {
        const response = await fetch(`/api/provider/search?q=${encodeURIComponent(text)}`, {
          signal: controller.signal,
          headers: { accept: "application/json" },
        });
        if (!response.ok) {
          const message =
            response.status === 429 ? "Too many requests — try again" : "Tenant search failed — try again";
          setSearch({ kind: "failed", message });
          return;
        }
        const body = (await response.json()) as { data: TenantHit[]; total: number };
        setSearch({ kind: "done", tenants: body.data, total: body.total });
      } catch (error) {
        if (!controller.signal.aborted) {
          setSearch({ kind: "failed", message: "Tenant search failed — check your connection and try again" });
        }
        void error;
      }
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [open, query]);

  const go = useCallback(
    (href: string) => {
      setOpen(false);
      setQuery("");
      router.push(href);
    },
    [router],
  );

  const groups = useMemo((): CommandPaletteGroup[] => {
    const needle = query.trim().toLowerCase();
    const pages = NAVIGATION.filter((item) => hrefs.includes(item.href)).filter((item) =>
      [item.label, item.subtitle ?? "", item.group, ...(item.keywords ?? [])].some((word) =>
        word.toLowerCase().includes(needle),
      ),
    );
    const tenants = search.kind === "done" ? search.tenants : [];
    return [
      {
        heading: "Tenants",
        items: tenants.map((tenant) => ({
          id: `tenant:${tenant.id}`,
          label: tenant.name,
          hint: (
            <span className="flex items-center gap-2">
              <span className="font-mono">{tenant.slug}</span>
              <StatusBadge status={tenant.status} />
            </span>
          ),
          icon: <Building2 />,
          onSelect: () => go(`/provider/clients/${tenant.id}`),
        })),
      },
      {
        // Quick create: the client's Tasks tab opens with the new-task field focused.
        heading: "Actions",
        items: hrefs.includes("/provider/tasks")
          ? tenants.map((tenant) => ({
              id: `create-task:${tenant.id}`,
              label: `Create task for ${tenant.name}`,
              hint: <span className="font-mono">{tenant.slug}</span>,
              icon: <ListPlus />,
              onSelect: () => go(`/provider/clients/${tenant.id}/tasks?new=1`),
            }))
          : [],
      },
      {
        heading: "Pages",
        items: pages.map((item) => {
          const Icon = navIcon(item.href);
          return {
            id: `page:${item.href}`,
            label: item.subtitle ? `${item.label} — ${item.subtitle}` : item.label,
            hint: item.group,
            icon: <Icon />,
            onSelect: () => go(item.href),
          };
        }),
      },
    ];
  }, [go, hrefs, query, search]);

  const status =
    search.kind === "loading"
      ? "Searching tenants…"
      : search.kind === "failed"
        ? search.message
        : search.kind === "done" && search.tenants.length === 0
          ? `No tenant matches “${query.trim()}”`
          : search.kind === "done" && search.total > search.tenants.length
            ? // More match than fit: say so, or staff assume the one they want does not exist.
              `Showing ${search.tenants.length} of ${search.total.toLocaleString("en-US")} tenants — keep typing`
            : "↑↓ to move · Enter to open · Esc to close";

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="flex h-9 w-full max-w-sm items-center gap-2 rounded-md border border-slate-200 bg-slate-50 px-3 text-sm text-slate-500 transition-colors hover:border-slate-300 hover:bg-white"
      >
        <Search aria-hidden className="size-4" />
        <span className="flex-1 text-left">Search tenants and pages…</span>
        <kbd className="hidden rounded border border-slate-200 bg-white px-1.5 font-mono text-[10px] text-slate-500 sm:block">
          ⌘K
        </kbd>
      </button>
      <CommandPalette
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) setQuery("");
        }}
        query={query}
        onQueryChange={setQuery}
        groups={groups}
        placeholder="Find a tenant by name or slug, or jump to a page…"
        status={status}
        emptyText={search.kind === "loading" ? "Searching…" : "Nothing matches — try a tenant's name or slug"}
      />
    </>
  );
}
