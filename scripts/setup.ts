/** `npm run setup`: writes the local `.dev.vars` files (never overwriting one). */
import { ensureDevVars } from "./lib/dev-vars.ts";

ensureDevVars();
