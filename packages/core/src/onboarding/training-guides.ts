/**
 * The training guides the onboarding checklist's "Training resources" step asks a contractor to
 * read, served by both apps at `/help/[guide]` (staff read what their clients read). Plain text:
 * each section a heading and its paragraphs.
 */
export type TrainingGuide = {
  key: string;
  title: string;
  minutes: number;
  summary: string;
  sections: { heading: string; paragraphs: string[] }[];
};

export const TRAINING_GUIDES = [
  {
    key: "leads",
    title: "Working your leads",
    minutes: 12,
    summary: "How a lead reaches you, how to move it along your pipeline and what you are billed for it.",
    sections: [
      {
        heading: "Where leads come from",
        paragraphs: [
          "Every homeowner request that matches your trade and service area arrives in Leads with the job type, the address and how to reach the homeowner. Leads from your website form or your own systems arrive through the public API with the key you created in Settings › API keys.",
          "Call or text a new lead quickly: homeowners usually hire one of the first contractors who answer.",
        ],
      },
      {
        heading: "Moving a lead along your pipeline",
        paragraphs: [
          "Each lead sits in one stage of the pipeline you set during onboarding (for example New → Contacted → Quoted → Won or Lost). Move it from the lead page or with the quick actions in the list; only the next sensible moves are offered.",
          "When you win the job, record its value: your dashboard then shows what your leads turned into, not just how many there were.",
        ],
      },
      {
        heading: "What a lead costs",
        paragraphs: [
          "Each lead is charged at its job type's price on the invoice for the period it arrived in. If a lead is reclassified to another job type, the invoice shows the difference as an adjustment that names the lead.",
        ],
      },
    ],
  },
  {
    key: "disputes",
    title: "Disputing a bad lead",
    minutes: 5,
    summary: "When to dispute a lead, what to write, and how the decision reaches your invoice.",
    sections: [
      {
        heading: "When a dispute is right",
        paragraphs: [
          "Dispute a lead that was never a real job for you: a duplicate of a lead you already have, a wrong or unreachable phone number, a job outside your trade or service area, or a homeowner who never asked for a contractor.",
          "A lead you simply did not win is not a bad lead: disputes are for leads you could not have worked.",
        ],
      },
      {
        heading: "Raising it",
        paragraphs: [
          "Open the lead, choose Dispute, pick the reason and say what happened in a sentence or two (for example the date you called and what you heard). Our team decides within three days; obvious duplicates are approved automatically.",
        ],
      },
      {
        heading: "What an approval does",
        paragraphs: [
          "An approved lead that was not invoiced yet is removed from your next invoice. One that was already invoiced is credited: the credit shows on your next invoice, or on the invoice itself while it is still open. A rejected dispute is final and says why.",
        ],
      },
    ],
  },
  {
    key: "team",
    title: "Dispatching your team",
    minutes: 6,
    summary: "Who can do what in TradeDesk, and how to invite the people who answer your leads.",
    sections: [
      {
        heading: "Roles",
        paragraphs: [
          "Owners manage billing, the team and settings. Dispatchers work every lead and dispute. Technicians see the leads assigned to them. Give each person the smallest role that lets them do their job.",
        ],
      },
      {
        heading: "Inviting people",
        paragraphs: [
          "In Team, invite by email and choose the role. The invitation link works once and expires after a week; invite again if it lapses. People who leave should be removed the same day, so nobody keeps access to homeowners' details.",
        ],
      },
    ],
  },
] as const satisfies readonly TrainingGuide[];

export type TrainingGuideKey = (typeof TRAINING_GUIDES)[number]["key"];

/** The guide at `/help/[key]`, or undefined (the page answers 404). */
export function findTrainingGuide(key: string): TrainingGuide | undefined {
  return TRAINING_GUIDES.find((guide) => guide.key === key);
}

/** Where both apps serve a guide: a path on the app the reader is using. */
export function trainingGuidePath(key: TrainingGuideKey): string {
  return `/help/${key}`;
}
