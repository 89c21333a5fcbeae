import { Toaster } from "@pp/ui/toaster";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "TradeDesk", template: "%s · TradeDesk" },
  description: "Leads, disputes, billing and your team — for plumbing, electrical and HVAC contractors.",
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
