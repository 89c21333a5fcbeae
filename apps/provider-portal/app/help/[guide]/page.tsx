import { findTrainingGuide } from "@pp/core/onboarding/training-guides";
import { TrainingGuideArticle } from "@pp/ui/training-guide";
import type { Metadata } from "next";
import { notFound } from "next/navigation";

type Props = { params: Promise<{ guide: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const guide = findTrainingGuide((await params).guide);
  return { title: guide ? guide.title : "Guide not found" };
}

// GET /help/[guide] – a training guide from the onboarding checklist; public, the same in both apps.
export default async function TrainingGuidePage({ params }: Props) {
  const guide = findTrainingGuide((await params).guide);
  if (!guide) notFound();
  return <TrainingGuideArticle guide={guide} />;
}
