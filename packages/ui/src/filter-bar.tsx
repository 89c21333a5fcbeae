import { Search } from "lucide-react";
import Link from "next/link";
import { Button } from "./button";
import { ClientPicker, type ClientPickerOption } from "./client-picker";
import { Field, Input, Select } from "./field";
import { PhoneFold } from "./phone-fold";
import { firstParam, hrefWith, type UrlParams } from "./url";

export type FilterField =
  | { kind: "search"; name: string; label: string; placeholder?: string }
  | { kind: "text"; name: string; label: string; placeholder?: string }
  | {
      kind: "select";
      name: string;
      label: string;
      /** The option that means "no filter". */
      anyLabel?: string;
      options: readonly { value: string; label: string }[];
    }
  | {
      /** A searchable client picker: it asks `searchUrl` as the user types, instead of listing every client. */
      kind: "client";
      name: string;
      label: string;
      anyLabel?: string;
      searchUrl: string;
      /** The client the URL names, resolved on the server, so the picker opens showing it. */
      selected: ClientPickerOption | null;
      /** Non-client choices listed first, e.g. `{ id: "staff", name: "Staff (portal SSO)" }`. */
      pinned?: readonly ClientPickerOption[];
    };

export type FilterBarProps = {
  /** The page path the form submits to (GET), e.g. "/provider/clients". */
  pathname: string;
  params: UrlParams;
  fields: readonly FilterField[];
  /** Params that are not filters but survive filtering, e.g. sort and direction. The cursor never does. */
  keep?: readonly string[];
};

function paramValue(params: UrlParams, name: string): string {
  return firstParam(params, name) ?? "";
}

/**
 * Filters as a plain GET form: applying them writes them into the URL (shareable, back-button
 * friendly, works without JavaScript) and starts again from the first page.
 */
export function FilterBar({ pathname, params, fields, keep = [] }: FilterBarProps) {
  const kept = keep.filter((name) => paramValue(params, name) !== "");
  const activeCount = fields.filter((field) => paramValue(params, field.name) !== "").length;
  const active = activeCount > 0;
  const clearHref = hrefWith(pathname, Object.fromEntries(kept.map((name) => [name, paramValue(params, name)])));
  return (
    <PhoneFold label="Filters" active={activeCount}>
      <form
        method="get"
        action={pathname}
        className="mb-4 flex flex-wrap items-end gap-3 rounded-card border border-line bg-surface p-3 shadow-card"
      >
        {kept.map((name) => (
          <input key={name} type="hidden" name={name} value={paramValue(params, name)} />
        ))}
        {fields.map((field) => {
          const id = `filter-${field.name}`;
          if (field.kind === "client") {
            return (
              <Field key={field.name} label={field.label} htmlFor={id} className="w-56">
                <ClientPicker
                  // A new URL (Apply, Clear, back) starts the picker from the client it names.
                  key={field.selected?.id ?? ""}
                  id={id}
                  name={field.name}
                  searchUrl={field.searchUrl}
                  selected={field.selected}
                  anyLabel={field.anyLabel ?? "All clients"}
                  pinned={field.pinned}
                />
              </Field>
            );
          }
          if (field.kind === "select") {
            return (
              <Field key={field.name} label={field.label} htmlFor={id} className="w-40">
                <Select id={id} name={field.name} defaultValue={paramValue(params, field.name)}>
                  <option value="">{field.anyLabel ?? "Any"}</option>
                  {field.options.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </Select>
              </Field>
            );
          }
          return (
            <Field key={field.name} label={field.label} htmlFor={id} className="min-w-56 flex-1">
              <div className="relative">
                {field.kind === "search" ? (
                  <Search aria-hidden className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-slate-400" />
                ) : null}
                <Input
                  id={id}
                  name={field.name}
                  type={field.kind === "search" ? "search" : "text"}
                  placeholder={field.placeholder}
                  defaultValue={paramValue(params, field.name)}
                  className={field.kind === "search" ? "pl-8" : undefined}
                />
              </div>
            </Field>
          );
        })}
        <div className="flex items-center gap-2">
          <Button type="submit" variant="primary">
            Apply filters
          </Button>
          {active ? (
            <Link href={clearHref} className="px-2 text-sm font-medium text-slate-600 hover:text-slate-900">
              Clear
            </Link>
          ) : null}
        </div>
      </form>
    </PhoneFold>
  );
}
