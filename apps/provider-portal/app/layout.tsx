import { Toaster } from "@pp/ui/toaster";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Provider Portal", template: "%s · Provider Portal" },
  description: "Tenants, revenue, onboarding and platform health in one place.",
  robots: { index: false, follow: false },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-canvas text-ink antialiased">
        {children}
        <Toaster />
      </body>
    </html>
  );
}
