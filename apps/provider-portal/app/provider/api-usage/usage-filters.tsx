// The API Usage filter bar: range (or custom dates), tenant, endpoint, method, status class, and the CSV export.

import { API_USAGE_METHODS, API_USAGE_STATUS_CLASSES } from "@pp/core/usage/api-usage-filters";
import { FilterBar, type FilterField } from "@pp/ui/filter-bar";
import type { UrlParams } from "@pp/ui/url";
import { Download } from "lucide-react";

const RANGE_OPTIONS = [
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
  { value: "90d", label: "Last 90 days" },
  { value: "custom", label: "Custom (from – to)" },
];

export function UsageFilters({
  pathname,
  params,
  scoped,
  tenantFilter,
  routes,
  exportHref,
}: {
  pathname: string;
  params: UrlParams;
  scoped: boolean;
  /** The tenant picker, on the all-tenants page only. */
  tenantFilter?: FilterField;
  routes: readonly string[];
  exportHref?: string;
}) {
  const fields: FilterField[] = [
    {
      kind: "select",
      name: "range",
      label: "Range",
      anyLabel: "Last 30 days",
      options: RANGE_OPTIONS.filter((option) => option.value !== "30d"),
    },
    { kind: "text", name: "from", label: "From (custom)", placeholder: "YYYY-MM-DD" },
    { kind: "text", name: "to", label: "To (custom)", placeholder: "YYYY-MM-DD" },
    ...(scoped || !tenantFilter ? [] : [tenantFilter]),
    {
      kind: "select",
      name: "route",
      label: "Route",
      anyLabel: "All routes",
      options: routes.map((route) => ({ value: route, label: route })),
    },
    {
      kind: "select",
      name: "method",
      label: "Method",
      options: API_USAGE_METHODS.map((method) => ({ value: method, label: method })),
    },
    {
      kind: "select",
      name: "statusClass",
      label: "Status",
      options: API_USAGE_STATUS_CLASSES.map((statusClass) => ({ value: statusClass, label: statusClass })),
    },
  ];
  return (
    <div className="relative">
      <FilterBar pathname={pathname} params={params} fields={fields} keep={["sort", "direction"]} />
      {exportHref ? (
        <div className="-mt-2 mb-4 flex justify-end">
          <a
            href={exportHref}
            download
            className="inline-flex items-center gap-1.5 text-sm font-medium text-brand-700 hover:text-brand-800"
          >
            <Download className="size-4" aria-hidden />
            Export CSV
          </a>
        </div>
      ) : null}
    </div>
  );
}
