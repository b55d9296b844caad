// Better Auth's endpoints (/api/auth/*: sign-up, sign-in, get-session, token, jwks, …), with the
// JWKS served from isolate memory (lib/auth/public-keys.ts).
import { withPublicKeysFromMemory } from "@/lib/auth/public-keys";
import { withAuth } from "@/lib/auth/server";

const handle = withPublicKeysFromMemory((request) => withAuth((auth) => auth.handler(request)));

export { handle as GET, handle as POST };
