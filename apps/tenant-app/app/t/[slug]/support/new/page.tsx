import { SUPPORT_URGENCIES, SUPPORT_URGENCY_RULES } from "@pp/core/incidents/support-urgency";
import { PageHeader } from "@pp/ui/page-header";
import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/lib/session";
import { SupportRequestForm } from "./support-request-form";

export const metadata: Metadata = { title: "New support request" };

// /t/[slug]/support/new – subject, description and how urgent it is (the urgency sets the severity).
export default async function NewSupportRequestPage({ params }: PageProps<"/t/[slug]/support/new">) {
  const { slug } = await params;
  await requireMember(slug);
  const urgencies = SUPPORT_URGENCIES.map((value) => ({
    value,
    label: SUPPORT_URGENCY_RULES[value].label,
    description: SUPPORT_URGENCY_RULES[value].description,
  }));
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href={`/t/${slug}/support`} className="inline-flex items-center gap-1 hover:text-slate-800">
            <ArrowLeft aria-hidden className="size-3.5" />
            Support
          </Link>
        }
        title="New support request"
        description="Tell us what is wrong. The more urgent it is, the sooner we answer."
      />
      <SupportRequestForm slug={slug} urgencies={urgencies} />
    </>
  );
}
