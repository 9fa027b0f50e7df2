import { describe, expect, test } from 'vitest';
import { QA_CHECKLIST, scoreQaReview, summariseQa, type QaReviewRecord } from './qa-checklist.js';

const allMet = Object.fromEntries(QA_CHECKLIST.items.map((item) => [item.id, 'met']));
const maxScore = QA_CHECKLIST.items.reduce((sum, item) => sum + item.weight, 0);

describe('QA_CHECKLIST: versioned data drawn from the review (CQC Bedford 2015 5.2.4, rec 1.6)', () => {
  test('is identified and versioned', () => {
    expect({ id: QA_CHECKLIST.id, version: QA_CHECKLIST.version }).toEqual({ id: 'lac-health-assessment-qa', version: 1 });
  });

  test('item ids are unique, weights positive, every item cites its source', () => {
    const ids = QA_CHECKLIST.items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of QA_CHECKLIST.items) {
      expect(item.weight).toBeGreaterThan(0);
      expect(item.source).toMatch(/CQC Bedford 2015|CPPCR/);
    }
  });

  test.each([
    ['voice_of_child', '4.2'],
    ['consent_fraser_signature', '4.5'],
    ['smart_plan', '4.3'],
    ['previous_actions_reviewed', '4.4'],
    ['cse_considered', '4.3'],
    ['contributions_considered', '4.11'],
  ])('covers %s (para %s)', (id, para) => {
    expect(QA_CHECKLIST.items.find((item) => item.id === id)?.source).toContain(para);
  });
});

describe('scoreQaReview: met scores the weight; allowed n/a leaves the maximum; missing counts against', () => {
  test.each<[string, Record<string, string | null>, { score: number; maxScore: number; percent: number | null; missing: string[]; invalid: string[] }]>([
    ['everything met', allMet, { score: maxScore, maxScore, percent: 100, missing: [], invalid: [] }],
    ['voice of the child not met (weight 3)', { ...allMet, voice_of_child: 'not_met' }, { score: maxScore - 3, maxScore, percent: 85.7, missing: [], invalid: [] }],
    ['CSE not applicable (not sexually active) leaves the maximum', { ...allMet, cse_considered: 'not_applicable' }, { score: maxScore - 2, maxScore: maxScore - 2, percent: 100, missing: [], invalid: [] }],
    ['n/a is not allowed for the SMART plan: scored as not met and flagged', { ...allMet, smart_plan: 'not_applicable' }, { score: maxScore - 3, maxScore, percent: 85.7, missing: [], invalid: ['smart_plan'] }],
    ['an unanswered item is missing and scores nothing', { ...allMet, consent_fraser_signature: null }, { score: maxScore - 2, maxScore, percent: 90.5, missing: ['consent_fraser_signature'], invalid: [] }],
    ['nothing answered', {}, { score: 0, maxScore, percent: 0, missing: QA_CHECKLIST.items.map((i) => i.id), invalid: [] }],
  ])('%s', (_, answers, expected) => {
    expect(scoreQaReview({ answers })).toMatchObject({ ...expected, checklistId: 'lac-health-assessment-qa', checklistVersion: 1 });
  });

  test('the maximum is 21 points', () => {
    expect(maxScore).toBe(21);
  });
});

describe('summariseQa: results per practitioner, team, internal vs out of area, and item (rec 1.6)', () => {
  const review = (practitionerId: string, teamId: string, internal: boolean, answers: Record<string, string>): QaReviewRecord => {
    const { score, maxScore: max } = scoreQaReview({ answers });
    return { practitionerId, teamId, internal, score, maxScore: max, answers };
  };
  const reviews = [
    review('nurse-a', 'lac-team', true, allMet),
    review('nurse-a', 'lac-team', false, { ...allMet, voice_of_child: 'not_met' }),
    review('hv-b', '0-19-team', true, { ...allMet, smart_plan: 'not_met', voice_of_child: 'not_met' }),
  ];
  const summary = summariseQa(reviews);

  test('pooled percent per practitioner', () => {
    expect(summary.byPractitioner).toEqual([
      { key: 'hv-b', reviews: 1, score: 15, maxScore: 21, percent: 71.4 },
      { key: 'nurse-a', reviews: 2, score: 39, maxScore: 42, percent: 92.9 },
    ]);
  });

  test('per team', () => {
    expect(summary.byTeam.map((t) => [t.key, t.percent])).toEqual([
      ['0-19-team', 71.4],
      ['lac-team', 92.9],
    ]);
  });

  test('internal and out-of-area assessments are reported separately', () => {
    expect(summary.byOrigin.map((o) => [o.key, o.reviews, o.percent])).toEqual([
      ['internal', 2, 85.7],
      ['out_of_area', 1, 85.7],
    ]);
  });

  test('per item shows the commonest gap', () => {
    expect(summary.byItem.find((i) => i.itemId === 'voice_of_child')).toEqual({ itemId: 'voice_of_child', met: 1, notMet: 2, notApplicable: 0, unanswered: 0, percentMet: 33.3 });
    expect(summary.overall).toMatchObject({ reviews: 3, score: 54, maxScore: 63, percent: 85.7 });
  });

  test('no reviews: empty groups and null percentages', () => {
    const empty = summariseQa([]);
    expect(empty.overall).toEqual({ key: 'all', reviews: 0, score: 0, maxScore: 0, percent: null });
    expect(empty.byPractitioner).toEqual([]);
    expect(empty.byItem.every((i) => i.percentMet === null)).toBe(true);
  });
});
