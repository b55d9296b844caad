/**
 * Stands in for modules the worker never loads but whose lazy imports the bundler would include:
 * hono-openapi's schema converter imports each validation library's converter on first use of a
 * schema of that library (zod's among them), and this worker has only valibot schemas. Aliased in
 * wrangler.toml; keeps zod (about 95 KiB gzip) out of the API worker.
 */
export {};
