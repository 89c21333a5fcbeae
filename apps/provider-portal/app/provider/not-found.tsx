import { NotFoundMessage } from "@/components/not-found-message";

export default function ProviderNotFound() {
  return (
    <div className="py-10">
      <NotFoundMessage />
    </div>
  );
}
