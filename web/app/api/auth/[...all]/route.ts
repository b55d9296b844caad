// Better Auth's endpoints (/api/auth/*: sign-up, sign-in, get-session, token, jwks, …) behind the
// guards of lib/auth/auth-route.ts: JSON errors, a body cap, the JWKS from memory, 404 for paths
// Better Auth does not serve. The same handler, bound to the worker's own bindings, answers the
// browser's token and session calls before OpenNext once this module is loaded (lib/auth/direct-auth-route.ts).
import { authRoute } from "@/lib/auth/auth-route";
import { registerDirectAuthRoute } from "@/lib/auth/direct-auth-route";
import { withIsolateAuth } from "@/lib/auth/isolate-auth";
import { withAuth } from "@/lib/auth/server";

const handle = authRoute(withAuth);

registerDirectAuthRoute((request, bindings, ctx) => authRoute((work) => withIsolateAuth(bindings, ctx, work))(request));

export { handle as GET, handle as POST };
