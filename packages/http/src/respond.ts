/**
 * 200 (or `init.status`) with a JSON body. Encoded here with its `Content-Length`, so usage
 * logging reads the size from the header instead of buffering the body a second time.
 */
export function json(data: unknown, init?: ResponseInit): Response {
  const body = Buffer.from(JSON.stringify(data) ?? "null");
  const headers = new Headers(init?.headers);
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  headers.set("content-length", String(body.byteLength));
  return new Response(body, { ...init, headers });
}

/** 201 with the created resource. */
export function created(data: unknown, init?: ResponseInit): Response {
  return json(data, { ...init, status: 201 });
}

/** 204 with no body, for deletes and actions with nothing to return. */
export function noContent(init?: ResponseInit): Response {
  return new Response(null, { ...init, status: 204 });
}
