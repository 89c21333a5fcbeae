import { redirect } from "next/navigation";

// The portal lives under /provider; the shell sends signed-out visitors on to sign-in.
export default function Home() {
  redirect("/provider");
}
