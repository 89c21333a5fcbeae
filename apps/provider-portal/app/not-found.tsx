import { NotFoundMessage } from "@/components/not-found-message";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-2xl px-4 py-20">
      <NotFoundMessage />
    </main>
  );
}
