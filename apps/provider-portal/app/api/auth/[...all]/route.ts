import { createSignInThrottle } from "@pp/core/auth/sign-in-throttle";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { getAuth } from "@/lib/auth";
import { compose, withRateLimit, withSignInGuard, withStorableBody } from "@/lib/kit";

const throttle = createSignInThrottle();
// Better Auth reads the body itself: NUL or lone surrogates in it are refused first, on a copy.
const handle = compose(
  { route: "/api/auth/[...all]" },
  withRateLimit("auth"),
  withStorableBody(),
  withSignInGuard(throttle),
);

// GET, POST /api/auth/* – Better Auth (sign-in, sign-out, session, password reset), behind the sign-in guard.
export const GET = handle((ctx) => getAuth().handler(ctx.request));
export const POST = handle((ctx) => getAuth().handler(ctx.request));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET, POST });
