import { createSignInThrottle } from "@pp/core/auth/sign-in-throttle";
import { getAuth } from "@/lib/auth";
import { compose, withRateLimit, withSignInGuard } from "@/lib/kit";

const throttle = createSignInThrottle();
const handle = compose({ route: "/api/auth/[...all]" }, withRateLimit("auth"), withSignInGuard(throttle));

// GET, POST /api/auth/* – Better Auth (sign-in, sign-out, session, password reset), behind the sign-in guard.
export const GET = handle((ctx) => getAuth().handler(ctx.request));
export const POST = handle((ctx) => getAuth().handler(ctx.request));
