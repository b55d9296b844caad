/**
 * A stand-in for `next/navigation` in component tests: a router whose calls can be asserted and
 * search params / pathname the test sets. Use with
 * `vi.mock("next/navigation", async () => (await import("./navigation-mock.ts")).navigation.module)`.
 */
import { vi } from "vitest";

export function createNavigationMock() {
  const state = { search: "", pathname: "/" };
  const router = { replace: vi.fn(), push: vi.fn(), refresh: vi.fn(), back: vi.fn(), forward: vi.fn(), prefetch: vi.fn() };
  return {
    router,
    state,
    reset(search = "", pathname = "/") {
      state.search = search;
      state.pathname = pathname;
      for (const fn of Object.values(router)) fn.mockReset();
    },
    module: {
      useRouter: () => router,
      useSearchParams: () => new URLSearchParams(state.search),
      usePathname: () => state.pathname,
      redirect: vi.fn(),
    },
  };
}

/** The one instance shared by a test file and its `vi.mock("next/navigation", …)` factory. */
export const navigation = createNavigationMock();
