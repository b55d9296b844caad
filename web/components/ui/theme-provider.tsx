"use client";
/**
 * The theme the server rendered (read from the cookie in app/layout.tsx), shared with the toggle.
 * Choosing one sets `data-theme` on `<html>` at once, so the page changes without a request, and
 * writes the cookie, so the next page's HTML comes from the server already in that theme.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { type Theme, themeCookie } from "@/lib/theme/theme";

type ThemeChoice = { theme: Theme; setTheme: (theme: Theme) => void };

const ThemeContext = createContext<ThemeChoice | null>(null);

export function ThemeProvider({ initial, children }: { initial: Theme; children: ReactNode }) {
  const [theme, setThemeState] = useState(initial);
  const setTheme = useCallback((next: Theme) => {
    setThemeState(next);
    document.documentElement.dataset.theme = next;
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from Firefox and Safari before 18.4.
    document.cookie = themeCookie(next, location.protocol === "https:");
  }, []);
  const value = useMemo(() => ({ theme, setTheme }), [theme, setTheme]);
  return <ThemeContext value={value}>{children}</ThemeContext>;
}

export function useTheme(): ThemeChoice {
  const choice = useContext(ThemeContext);
  if (!choice) throw new Error("useTheme needs a ThemeProvider above it (app/layout.tsx)");
  return choice;
}
