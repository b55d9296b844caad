// Better Auth's endpoints (/api/auth/*: sign-up, sign-in, get-session, token, jwks, …) behind the
// guards of lib/auth/auth-route.ts: JSON errors, a body cap, the JWKS from memory, 404 for paths
// Better Auth does not serve.
import { authRoute } from "@/lib/auth/auth-route";
import { withAuth } from "@/lib/auth/server";

const handle = authRoute(withAuth);

export { handle as GET, handle as POST };
