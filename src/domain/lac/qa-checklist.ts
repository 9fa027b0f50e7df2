/**
 * Quality assurance of completed IHAs/RHAs (internal and out of area) against a versioned checklist,
 * with results per practitioner and team.
 * Source: CQC Bedford 2015 para 5.2.4 ("LAC quality assurance processes are underdeveloped … not driving
 * up practice on internal assessments") and recommendation 1.6 ("The quality assurance process for LAC
 * health assessments is further developed for children in local placements"); issue #4 "Quality assurance".
 */

export type QaChecklistItem = {
  readonly id: string;
  readonly text: string;
  /** Points when met. */
  readonly weight: number;
  /** Whether "not applicable" is an allowed answer (it then leaves the item out of the maximum). */
  readonly allowNotApplicable: boolean;
  /** Where the expectation comes from. */
  readonly source: string;
};

export type QaChecklist = {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly effectiveFrom: string;
  readonly items: readonly QaChecklistItem[];
};

/**
 * The LAC health assessment QA checklist, version 1. Items and weights are CLASP policy drawn from the
 * review's findings; wording is CLASP's own. Add a new version rather than editing this one — stored
 * reviews keep `checklist_version`.
 */
export const QA_CHECKLIST = {
  id: 'lac-health-assessment-qa',
  version: 1,
  title: 'Looked-after children health assessment: quality assurance',
  effectiveFrom: '2025-01-01',
  items: [
    {
      id: 'voice_of_child',
      text: "The voice of the child is recorded in the child's own words",
      weight: 3,
      allowNotApplicable: false,
      source: 'CQC Bedford 2015 para 4.2; recommendation 1.2',
    },
    {
      id: 'child_as_individual',
      text: 'The assessment gives a sense of the child as an individual, not only the accompanying adults’ account',
      weight: 2,
      allowNotApplicable: false,
      source: 'CQC Bedford 2015 para 4.2',
    },
    {
      id: 'consent_fraser_signature',
      text: "Consent discussed, Fraser competence recorded, and the young person's signature or equivalent obtained",
      weight: 2,
      allowNotApplicable: false,
      source: 'CQC Bedford 2015 para 4.5',
    },
    {
      id: 'family_birth_history',
      text: 'Family health history and birth history gathered (parents invited where appropriate)',
      weight: 2,
      allowNotApplicable: true,
      source: 'CQC Bedford 2015 para 4.5; CPPCR 2010 Sch 1 para 1(2) via domain-rules.md §1.2 [C]',
    },
    {
      id: 'previous_assessments',
      text: 'Previous assessments and their outcomes are pulled through to this assessment',
      weight: 1,
      allowNotApplicable: true,
      source: 'CQC Bedford 2015 para 4.5',
    },
    {
      id: 'previous_actions_reviewed',
      text: 'Actions from the previous health plan are reviewed, and unmet actions carried forward',
      weight: 2,
      allowNotApplicable: true,
      source: 'CQC Bedford 2015 para 4.4; recommendation 1.4',
    },
    {
      id: 'smart_plan',
      text: 'Every health plan action is SMART: named owner, measurable outcome, real due date, linked to a need',
      weight: 3,
      allowNotApplicable: false,
      source: 'CQC Bedford 2015 para 4.3; recommendation 1.3',
    },
    {
      id: 'contributions_considered',
      text: 'GP and CAMHS contributions (and school/carer SDQ) requested and considered',
      weight: 2,
      allowNotApplicable: false,
      source: 'CQC Bedford 2015 paras 4.9, 4.11; recommendation 3.9',
    },
    {
      id: 'cse_considered',
      text: 'Where the young person is sexually active, child sexual exploitation is considered and followed up',
      weight: 2,
      allowNotApplicable: true,
      source: 'CQC Bedford 2015 para 4.3; recommendation 3.5',
    },
    {
      id: 'health_domains_addressed',
      text: 'Immunisations, dental care, vision and hearing screening are each addressed',
      weight: 2,
      allowNotApplicable: false,
      source: 'CPPCR 2010 Sch 1 para 1(4) via domain-rules.md §1.2 [C]',
    },
  ],
} as const satisfies QaChecklist;

export const QA_ANSWERS = ['met', 'not_met', 'not_applicable'] as const;
export type QaAnswer = (typeof QA_ANSWERS)[number];

export type QaScore = {
  readonly checklistId: string;
  readonly checklistVersion: number;
  /** Points for items met. */
  readonly score: number;
  /** Points available: every item except those answered "not applicable". */
  readonly maxScore: number;
  /** score / maxScore, one decimal, half-up; null when nothing is applicable. */
  readonly percent: number | null;
  /** Items with no answer (they count in maxScore but score nothing). */
  readonly missing: readonly string[];
  /** Items answered "not applicable" when that is not allowed, or with an unknown answer (scored as not met). */
  readonly invalid: readonly string[];
  readonly complete: boolean;
};

function percentHalfUp({ score, maxScore }: { score: number; maxScore: number }): number | null {
  if (maxScore === 0) return null;
  return Math.floor((2000 * score + maxScore) / (2 * maxScore)) / 10;
}

/**
 * Scores one QA review: met items score their weight; "not applicable" (where allowed) removes the item
 * from the maximum; unanswered items are `missing` and invalid answers `invalid` — both count in the
 * maximum and score nothing, so an incomplete review can never look better than a complete one.
 * Source: CQC Bedford 2015 para 5.2.4 and rec 1.6; weights are CLASP policy (`QA_CHECKLIST`).
 */
export function scoreQaReview({
  answers,
  checklist = QA_CHECKLIST,
}: {
  answers: Readonly<Record<string, string | null | undefined>>;
  checklist?: QaChecklist;
}): QaScore {
  let score = 0;
  let maxScore = 0;
  const missing: string[] = [];
  const invalid: string[] = [];
  for (const item of checklist.items) {
    const answer = answers[item.id];
    if (answer === undefined || answer === null || answer === '') {
      missing.push(item.id);
      maxScore += item.weight;
    } else if (answer === 'not_applicable' && item.allowNotApplicable) {
      continue;
    } else if (answer === 'met') {
      score += item.weight;
      maxScore += item.weight;
    } else {
      if (answer !== 'not_met') invalid.push(item.id);
      maxScore += item.weight;
    }
  }
  return {
    checklistId: checklist.id,
    checklistVersion: checklist.version,
    score,
    maxScore,
    percent: percentHalfUp({ score, maxScore }),
    missing,
    invalid,
    complete: missing.length === 0 && invalid.length === 0,
  };
}

export type QaReviewRecord = {
  readonly practitionerId: string;
  readonly teamId: string;
  /** true for assessments done in-house, false for out-of-area assessments by other providers. */
  readonly internal: boolean;
  readonly score: number;
  readonly maxScore: number;
  readonly answers: Readonly<Record<string, string | null | undefined>>;
};

export type QaGroupSummary = {
  readonly key: string;
  readonly reviews: number;
  readonly score: number;
  readonly maxScore: number;
  /** Pooled: total score / total maximum, one decimal; null when the maximum is 0. */
  readonly percent: number | null;
};

export type QaItemSummary = {
  readonly itemId: string;
  readonly met: number;
  readonly notMet: number;
  readonly notApplicable: number;
  readonly unanswered: number;
  /** met / (met + notMet + unanswered), one decimal; null when never applicable. */
  readonly percentMet: number | null;
};

export type QaSummary = {
  readonly overall: QaGroupSummary;
  readonly byPractitioner: readonly QaGroupSummary[];
  readonly byTeam: readonly QaGroupSummary[];
  /** 'internal' and 'out_of_area' — rec 1.6 asks for QA that drives up practice on internal assessments too. */
  readonly byOrigin: readonly QaGroupSummary[];
  /** Per checklist item, so the commonest gaps are visible. Items of `QA_CHECKLIST` first, then any others seen. */
  readonly byItem: readonly QaItemSummary[];
};

function summariseGroup(key: string, reviews: readonly QaReviewRecord[]): QaGroupSummary {
  const score = reviews.reduce((sum, r) => sum + r.score, 0);
  const maxScore = reviews.reduce((sum, r) => sum + r.maxScore, 0);
  return { key, reviews: reviews.length, score, maxScore, percent: percentHalfUp({ score, maxScore }) };
}

function groupBy(reviews: readonly QaReviewRecord[], keyOf: (r: QaReviewRecord) => string): QaGroupSummary[] {
  const groups = new Map<string, QaReviewRecord[]>();
  for (const review of reviews) {
    const key = keyOf(review);
    groups.set(key, [...(groups.get(key) ?? []), review]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, group]) => summariseGroup(key, group));
}

/**
 * Summarises stored QA reviews per practitioner, per team, internal vs out of area, and per checklist
 * item. Percentages are pooled (sum of scores / sum of maxima), one decimal, half-up. Groups are sorted
 * by key.
 * Source: issue #4 "results per practitioner and team (rec 1.6)"; CQC Bedford 2015 para 5.2.4.
 */
export function summariseQa(reviews: readonly QaReviewRecord[]): QaSummary {
  const itemIds: string[] = QA_CHECKLIST.items.map((item) => item.id);
  for (const review of reviews) {
    for (const id of Object.keys(review.answers)) if (!itemIds.includes(id)) itemIds.push(id);
  }
  const byItem = itemIds.map((itemId): QaItemSummary => {
    let met = 0;
    let notMet = 0;
    let notApplicable = 0;
    let unanswered = 0;
    for (const review of reviews) {
      const answer = review.answers[itemId];
      if (answer === 'met') met += 1;
      else if (answer === 'not_applicable') notApplicable += 1;
      else if (answer === undefined || answer === null || answer === '') unanswered += 1;
      else notMet += 1;
    }
    const applicable = met + notMet + unanswered;
    return {
      itemId,
      met,
      notMet,
      notApplicable,
      unanswered,
      percentMet: applicable === 0 ? null : Math.floor((2000 * met + applicable) / (2 * applicable)) / 10,
    };
  });
  return {
    overall: summariseGroup('all', reviews),
    byPractitioner: groupBy(reviews, (r) => r.practitionerId),
    byTeam: groupBy(reviews, (r) => r.teamId),
    byOrigin: groupBy(reviews, (r) => (r.internal ? 'internal' : 'out_of_area')),
    byItem,
  };
}
