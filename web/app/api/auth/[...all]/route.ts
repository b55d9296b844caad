// Better Auth's endpoints (/api/auth/*: sign-up, sign-in, get-session, token, jwks, …).
import { withAuth } from "@/lib/auth/server";

const handle = (request: Request) => withAuth((auth) => auth.handler(request));

export { handle as GET, handle as POST };
