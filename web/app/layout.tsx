import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Edge Tasks", template: "%s · Edge Tasks" },
  description: "A calm, fast task list that runs on the edge.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#fafafa",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request renders every page per request, so that each carries the nonce of its own
  // Content-Security-Policy (middleware.ts); Next.js puts it on its scripts.
  await headers();
  return (
    <html lang="en">
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
