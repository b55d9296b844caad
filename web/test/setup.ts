// Adds jest-dom's matchers (toBeInTheDocument, toHaveAccessibleDescription…) to vitest's expect,
// and unmounts what each test rendered (Testing Library only does that itself with globals on).
import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => {
  cleanup();
});
