import type { TrainingGuide } from "@pp/core/onboarding/training-guides";

/** A training guide as an article (the same text in both apps; its content lives in core). */
export function TrainingGuideArticle({ guide }: { guide: TrainingGuide }) {
  return (
    <article className="mx-auto max-w-2xl px-4 py-10 sm:px-6">
      <p className="text-xs font-medium tracking-wide text-brand-700 uppercase">
        Training guide · {guide.minutes} min read
      </p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">{guide.title}</h1>
      <p className="mt-3 text-slate-700">{guide.summary}</p>
      {guide.sections.map((section) => (
        <section key={section.heading} className="mt-8">
          <h2 className="text-lg font-semibold text-slate-900">{section.heading}</h2>
          {section.paragraphs.map((paragraph) => (
            <p key={paragraph.slice(0, 40)} className="mt-3 leading-relaxed text-slate-700">
              {paragraph}
            </p>
          ))}
        </section>
      ))}
    </article>
  );
}
