// Better Auth's endpoints (/api/auth/*: sign-up, sign-in, get-session, token, jwks, …), with the
// JWKS served from isolate memory (lib/auth/keys/public-keys.ts) and every error as JSON (lib/auth/json-errors.ts).
import { withJsonErrors } from "@/lib/auth/json-errors";
import { withPublicKeysFromMemory } from "@/lib/auth/keys/public-keys";
import { withAuth } from "@/lib/auth/server";

const handle = withJsonErrors(withPublicKeysFromMemory((request) => withAuth((auth) => auth.handler(request))));

export { handle as GET, handle as POST };
