/**
 * A fetch into the API worker: the service binding (no public hop) or the network. The API
 * answers every error with its JSON body; a 5xx without one through the binding comes from the
 * runtime, not the API (the worker is not deployed, not running, or crashed), so it is reported
 * as the API being unreachable, as the browser's failed fetch is.
 */
import "server-only";

export function apiFetcher(binding: Fetcher | undefined): typeof fetch {
  if (!binding) return globalThis.fetch;
  return async (input, init) => {
    const response = await binding.fetch(input, init);
    const fromApi = response.status < 500 || response.headers.get("content-type")?.includes("application/json");
    if (!fromApi) throw new TypeError(`The API service binding answered HTTP ${response.status} without the API's error body.`);
    return response;
  };
}
