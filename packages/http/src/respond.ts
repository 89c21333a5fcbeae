/** 200 (or `init.status`) with a JSON body. */
export function json(data: unknown, init?: ResponseInit): Response {
  return Response.json(data, init);
}

/** 201 with the created resource. */
export function created(data: unknown, init?: ResponseInit): Response {
  return Response.json(data, { ...init, status: 201 });
}

/** 204 with no body, for deletes and actions with nothing to return. */
export function noContent(init?: ResponseInit): Response {
  return new Response(null, { ...init, status: 204 });
}
