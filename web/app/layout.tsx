import type { Metadata, Viewport } from "next";
import { cookies, headers } from "next/headers";
import type { ReactNode } from "react";
import { RememberTimeZone } from "@/components/ui/remember-time-zone";
import { ThemeProvider } from "@/components/ui/theme-provider";
import { parseTheme, THEME_COOKIE } from "@/lib/theme/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Edge Tasks", template: "%s · Edge Tasks" },
  description: "A calm, fast task list that runs on the edge.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  // The browser's own chrome follows the system; the stylesheet follows the person's choice.
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafafa" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request renders every page per request, so that each carries the nonce of its own
  // Content-Security-Policy (middleware.ts); Next.js puts it on its scripts.
  await headers();
  // The theme is rendered by the server, so the first HTML is in it: no script, no flash.
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme}>
      <body className="min-h-dvh">
        <ThemeProvider initial={theme}>{children}</ThemeProvider>
        <RememberTimeZone />
      </body>
    </html>
  );
}
