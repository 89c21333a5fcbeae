/** URL search params as a page receives them from Next.js (`await searchParams`). */
export type UrlParams = Record<string, string | string[] | undefined>;

/** The first value of a param, or undefined when absent or empty. */
export function firstParam(params: UrlParams, name: string): string | undefined {
  const value = params[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === "" ? undefined : first;
}

/**
 * `pathname?query` keeping every current param except those in `changes`; a `null`/`undefined`
 * change removes the param. Links built this way keep filters, sort and tabs in the URL.
 */
export function hrefWith(
  pathname: string,
  params: UrlParams,
  changes: Record<string, string | null | undefined> = {},
): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (name in changes || value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== "") query.append(name, item);
    }
  }
  for (const [name, value] of Object.entries(changes)) {
    if (value !== null && value !== undefined && value !== "") query.set(name, value);
  }
  const search = query.toString();
  return search ? `${pathname}?${search}` : pathname;
}
