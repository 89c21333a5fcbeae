"use client";

import { LogOut } from "lucide-react";
import { useState } from "react";
import { Button } from "./button";
import { toast } from "./toaster";

/** Better Auth signs out with a JSON POST (a plain form post is refused), then the sign-in page. */
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
      if (!response.ok) throw new Error(`sign-out returned ${response.status}`);
      window.location.href = "/sign-in";
    } catch {
      setPending(false);
      toast.error("Could not sign out — try again");
    }
  }
  return (
    <Button variant="ghost" size="sm" pending={pending} onClick={signOut}>
      {pending ? null : <LogOut className="size-4" aria-hidden />}
      Sign out
    </Button>
  );
}
