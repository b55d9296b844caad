// web/worker.js answers 404 to any request from outside that names an internal route (the
// clean-up's), however the path is spelled: the router behind it may normalise what this check
// does not, so every spelling that could reach the route counts as internal.
import { describe, expect, it } from "vitest";
import { CLEAN_UP_PATH, isInternalPath } from "../lib/maintenance/internal-route.ts";

const ORIGIN = "https://tasks.example.com";

describe("isInternalPath", () => {
  it.each([
    CLEAN_UP_PATH,
    "/api/internal",
    "/api/internal/",
    "/api/internal/clean-up/",
    "/api/internal/clean-up?x=1",
    "/API/Internal/Clean-Up",
    "//api//internal/clean-up",
    "/api/./internal/clean-up",
    "/api/x/../internal/clean-up",
    "/api/internal%2Fclean-up",
    "/api%2Finternal%2Fclean-up",
    "/api/%69nternal/clean-up",
    "/api/%2569nternal/clean-up",
    "/api\\internal\\clean-up",
    "/x/api/internal/clean-up",
    "/api/internal/%E0%A4%A",
  ])("%s is internal", (path) => {
    expect(isInternalPath(`${ORIGIN}${path}`)).toBe(true);
  });

  it.each(["/", "/tasks", "/api/auth/jwks", "/api/internals", "/api/auth/internal", "/api/internal-notes", "/internal/clean-up"])(
    "%s is not",
    (path) => {
      expect(isInternalPath(`${ORIGIN}${path}`)).toBe(false);
    },
  );
});
