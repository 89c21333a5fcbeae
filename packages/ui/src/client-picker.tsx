"use client";

import clsx from "clsx";
import { ChevronsUpDown, X } from "lucide-react";
import { type KeyboardEvent, useEffect, useId, useState } from "react";
import { Input } from "./field";

/** A client as a picker offers it (the search route's rows). */
export type ClientPickerOption = {
  id: string;
  name: string;
  slug: string;
  /** Another client has this name: the slug is shown so the two can be told apart. */
  sharesName?: boolean;
};

type Results = { data: ClientPickerOption[]; nextCursor: string | null; total: number };
type SearchState =
  | { kind: "idle" }
  | { kind: "loading"; previous: Results | null }
  | { kind: "done"; results: Results }
  | { kind: "failed"; message: string };

export type ClientPickerProps = {
  /** The input's id (a Field's htmlFor points at it). */
  id: string;
  /** GET `?q=&limit=&cursor=` here answers `{ data, nextCursor, total }`. */
  searchUrl: string;
  /** Sent with every search, e.g. `{ active: "true" }`. */
  searchParams?: Record<string, string>;
  /** A hidden input of this name carries the chosen id, so a plain GET form submits it. */
  name?: string;
  /** The client chosen when the page opened (resolved on the server from the URL). */
  selected?: ClientPickerOption | null;
  onChange?: (client: ClientPickerOption | null) => void;
  /** The choice that means "no client", e.g. "All clients"; without it the picker has no such row. */
  anyLabel?: string;
  /** Choices that are not clients, listed first while they match what is typed, e.g. "Staff (portal SSO)". */
  pinned?: readonly ClientPickerOption[];
  placeholder?: string;
  pageSize?: number;
  className?: string;
  invalid?: boolean;
};

const SEARCH_DELAY_MS = 150;

/** "Dana's Plumbing" or, when another client shares the name, "Dana's Plumbing (danas-plumbing-2)". */
export function clientLabel(client: ClientPickerOption): string {
  return client.sharesName ? `${client.name} (${client.slug})` : client.name;
}

/**
 * A searchable client picker (ARIA combobox): it asks the server as you type, a page at a time, so
 * no page embeds the whole client list. It says how many match when it shows fewer.
 */
export function ClientPicker({
  id,
  searchUrl,
  searchParams,
  name,
  selected: initial = null,
  onChange,
  anyLabel,
  pinned = [],
  placeholder = "Type a client's name or slug…",
  pageSize = 10,
  className,
  invalid,
}: ClientPickerProps) {
  const listId = useId();
  const [selected, setSelected] = useState<ClientPickerOption | null>(initial);
  const [text, setText] = useState(initial ? clientLabel(initial) : "");
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [search, setSearch] = useState<SearchState>({ kind: "idle" });
  const [active, setActive] = useState(0);
  const extra = JSON.stringify(searchParams ?? {});

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setSearch((state) => ({ kind: "loading", previous: state.kind === "done" ? state.results : null }));
      fetchPage({ url: searchUrl, extra, query: typed, limit: pageSize, signal: controller.signal })
        .then((results) => {
          setSearch({ kind: "done", results });
          setActive(0);
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setSearch({ kind: "failed", message: describe(error) });
        });
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [open, typed, searchUrl, extra, pageSize]);

  const results = search.kind === "done" ? search.results : search.kind === "loading" ? search.previous : null;
  const needle = typed.toLowerCase();
  const rows: (ClientPickerOption | null)[] = [
    ...(anyLabel ? [null] : []),
    ...pinned.filter((option) => option.name.toLowerCase().includes(needle)),
    ...(results?.data ?? []),
  ];

  function choose(client: ClientPickerOption | null) {
    setSelected(client);
    setText(client ? clientLabel(client) : "");
    setOpen(false);
    setTyped("");
    onChange?.(client);
  }

  function close() {
    setOpen(false);
    setTyped("");
    setText(selected ? clientLabel(selected) : "");
  }

  async function showMore() {
    if (!results?.nextCursor) return;
    try {
      const more = await fetchPage({
        url: searchUrl,
        extra,
        query: typed,
        limit: pageSize,
        cursor: results.nextCursor,
      });
      setSearch({ kind: "done", results: { ...more, data: [...results.data, ...more.data] } });
    } catch (error) {
      setSearch({ kind: "failed", message: describe(error) });
    }
    document.getElementById(id)?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) return setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((index) => (rows.length === 0 ? 0 : (index + step + rows.length) % rows.length));
    } else if (event.key === "Enter" && open) {
      // Enter picks the highlighted client instead of submitting the filter form half-chosen.
      event.preventDefault();
      const row = rows[active];
      if (row !== undefined) choose(row);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  }

  const optionId = (index: number) => `${listId}-option-${index}`;
  const status =
    search.kind === "failed"
      ? search.message
      : search.kind === "loading" && !results
        ? "Searching…"
        : results && results.data.length === 0
          ? typed
            ? `No client matches “${typed}”`
            : "No clients yet"
          : results && results.total > results.data.length
            ? `Showing ${results.data.length} of ${results.total.toLocaleString("en-US")} — keep typing`
            : null;

  return (
    <div className={clsx("relative", className)} data-client-picker={listId}>
      {name ? <input type="hidden" name={name} value={selected?.id ?? ""} /> : null}
      <Input
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && rows.length > 0 ? optionId(active) : undefined}
        aria-invalid={invalid || undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={selected ? clientLabel(selected) : (anyLabel ?? placeholder)}
        value={text}
        onFocus={(event) => {
          event.target.select();
          setOpen(true);
        }}
        onClick={() => setOpen(true)}
        onChange={(event) => {
          setText(event.target.value);
          setTyped(event.target.value.trim());
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={(event) => {
          // Focus moving to the picker's own buttons (Clear, Show more) keeps it open.
          const next = event.relatedTarget instanceof Element ? event.relatedTarget : null;
          if (!next?.closest(`[data-client-picker="${listId}"]`)) close();
        }}
        className="pr-14"
      />
      <span className="absolute inset-y-0 right-2 flex items-center gap-1 text-slate-400">
        {selected && anyLabel ? (
          <button
            type="button"
            aria-label={`Clear: ${anyLabel.toLowerCase()}`}
            className="rounded p-0.5 hover:bg-slate-100 hover:text-slate-700"
            onClick={() => choose(null)}
          >
            <X aria-hidden className="size-3.5" />
          </button>
        ) : null}
        <ChevronsUpDown aria-hidden className="pointer-events-none size-4" />
      </span>
      {open ? (
        <div className="absolute z-40 mt-1 w-full min-w-64 overflow-hidden rounded-md border border-slate-200 bg-white shadow-lg">
          <div id={listId} role="listbox" aria-label="Clients" className="max-h-72 overflow-y-auto py-1">
            {rows.map((row, index) => (
              <div
                key={row?.id ?? "any"}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                tabIndex={-1}
                onMouseDown={(event) => event.preventDefault()}
                onMouseEnter={() => setActive(index)}
                onClick={() => choose(row)}
                onKeyDown={(event) => (event.key === "Enter" ? choose(row) : undefined)}
                // Name above slug: a long name is never cut to make room for the slug that tells it apart.
                className={clsx(
                  "flex cursor-pointer flex-col px-3 py-1.5 text-sm",
                  index === active ? "bg-brand-50 text-brand-800" : "text-slate-700",
                )}
              >
                <span className="break-words">{row ? row.name : anyLabel}</span>
                {row?.sharesName ? <span className="font-mono text-xs text-slate-500">{row.slug}</span> : null}
              </div>
            ))}
          </div>
          {status || results?.nextCursor ? (
            <div
              role="status"
              className="flex items-center justify-between gap-2 border-t border-slate-100 px-3 py-1.5 text-xs text-slate-500"
            >
              <span>{status}</span>
              {results?.nextCursor ? (
                <button
                  type="button"
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={showMore}
                  className="font-medium text-brand-700 hover:underline"
                >
                  Show more
                </button>
              ) : null}
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

async function fetchPage(options: {
  url: string;
  extra: string;
  query: string;
  limit: number;
  cursor?: string;
  signal?: AbortSignal;
}): Promise<Results> {
  const params = new URLSearchParams({ ...(JSON.parse(options.extra) as Record<string, string>), q: options.query });
  params.set("limit", String(options.limit));
  if (options.cursor) params.set("cursor", options.cursor);
  const response = await fetch(`${options.url}?${params}`, {
    signal: options.signal,
    headers: { accept: "application/json" },
  });
  if (!response.ok) throw new Error(response.status === 429 ? "Too many searches — wait a moment" : "failed");
  return (await response.json()) as Results;
}

function describe(error: unknown): string {
  return error instanceof Error && error.message !== "failed"
    ? error.message
    : "Client search failed — check your connection and try again";
}
