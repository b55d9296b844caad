// Pages that read the session on the server: the signed-in app ((app)/, behind its own layout's
// check) and /verify-email (signed in or not). Route groups leave the URLs as they were.
//
// Why this layout exists: Turbopack gives the modules a layout imports one chunk, shared by every
// page below it, but copies a module that pages under different layouts import into a chunk for
// each. Better Auth's server side (lib/auth/server and what it imports, about 110 KB) was in the
// web worker twice, for (app) and for /verify-email; imported here, once (docs/benchmarks.md, bench:web).
import "@/lib/auth/server";
import type { ReactNode } from "react";

export default function SessionPagesLayout({ children }: { children: ReactNode }) {
  return children;
}
