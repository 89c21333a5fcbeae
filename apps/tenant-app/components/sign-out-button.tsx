"use client";

import { Button } from "@pp/ui/button";
import { toast } from "@pp/ui/toaster";
import { LogOut } from "lucide-react";
import { useState } from "react";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  async function signOut() {
    setPending(true);
    try {
      const response = await fetch("/api/auth/sign-out", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      if (!response.ok) throw new Error(String(response.status));
      // A full navigation drops every cached server component rendered for the signed-in user.
      window.location.assign("/sign-in");
    } catch {
      setPending(false);
      toast.error("Could not sign out — try again");
    }
  }
  return (
    <Button variant="ghost" size="sm" pending={pending} onClick={signOut}>
      {pending ? null : <LogOut aria-hidden className="size-4" />}
      Sign out
    </Button>
  );
}
