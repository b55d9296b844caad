/**
 * The colour theme a person chose: follow the system, or always light, or always dark. The choice
 * lives in a cookie so that the server renders `<html data-theme=…>` itself: the first HTML is
 * already in the right theme, with no script (see docs/decisions/theme-in-a-cookie.md). "system"
 * leaves the choice to the stylesheet's `prefers-color-scheme` query (app/globals.css).
 */
import { preferenceCookie } from "../preference-cookie.ts";

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = "theme";

/** The cookie's value as a theme; anything else (missing, unknown, hostile) follows the system. */
export function parseTheme(value: string | undefined | null): Theme {
  return THEMES.find((theme) => theme === value) ?? "system";
}

/** The `document.cookie` assignment that remembers `theme` for every page of the site. */
export function themeCookie(theme: Theme, secure: boolean): string {
  return preferenceCookie(THEME_COOKIE, theme, secure);
}
