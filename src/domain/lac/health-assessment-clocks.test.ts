import { describe, expect, test } from 'vitest';
import { englandAndWalesBankHolidays } from '../calendar/bank-holidays.js';
import { parseDfeDate } from '../calendar/iso-date.js';
import {
  IHA_WORKING_DAYS,
  careLeaverOfferEndsOn,
  careLeaverReviewDueOn,
  healthAssessmentExceptions,
  initialHealthAssessmentDueOn,
  nextHealthAssessment,
  periodOfCareStart,
  reviewHealthAssessmentDueOn,
  type CareEpisode,
  type CompletedHealthAssessment,
} from './health-assessment-clocks.js';

const bankHolidays = englandAndWalesBankHolidays({ fromYear: 2019, toYear: 2027 });

/** 'Fri 01/05/2020' → '2020-05-01' (the day name is a reader's aid only). */
function dfe(labelled: string): string {
  const iso = parseDfeDate(labelled.slice(4));
  if (iso === null) throw new Error(`bad fixture ${labelled}`);
  return iso;
}

describe('initialHealthAssessmentDueOn: the 20th working day after entering care, that day = day 0 (§1.1, §5)', () => {
  test('the clock is 20 working days', () => {
    expect(IHA_WORKING_DAYS).toBe(20);
  });

  // domain-rules §5 "Test vectors (independent calculator)", read as "entered care on X → IHA due on Y".
  test.each([
    ['Fri 01/05/2020', 'Tue 02/06/2020', 'VE Day (Fri 8 May) and the Spring bank holiday are skipped'],
    ['Fri 20/05/2022', 'Tue 21/06/2022', 'Platinum Jubilee Thu 2 and Fri 3 June skipped'],
    ['Thu 01/09/2022', 'Fri 30/09/2022', 'State Funeral Mon 19 September skipped'],
    ['Fri 28/04/2023', 'Wed 31/05/2023', 'Early May, Coronation and Spring holidays skipped'],
    ['Fri 13/12/2024', 'Wed 15/01/2025', 'Christmas, Boxing Day and New Year skipped'],
    ['Fri 24/12/2021', 'Wed 26/01/2022', 'substitute Christmas holidays Mon 27 and Tue 28 Dec skipped'],
    ['Mon 07/12/2026', 'Thu 07/01/2027', 'across the year end'],
    ['Thu 17/04/2025', 'Tue 20/05/2025', 'Easter: Good Friday and Easter Monday then Early May skipped'],
    ['Sat 06/05/2023', 'Tue 06/06/2023', 'entered care on a Saturday: counting starts on the next working day'],
    ['Sun 07/05/2023', 'Tue 06/06/2023', 'entered care on a Sunday before a bank-holiday Monday'],
  ])('entered care %s → IHA due %s (%s)', (entered, due) => {
    expect(initialHealthAssessmentDueOn({ enteredCareOn: dfe(entered), bankHolidays })).toBe(dfe(due));
  });
});

describe('reviewHealthAssessmentDueOn: 6 months if under 5 on the assessment date, else 12 months (§1.1 age-5 boundary)', () => {
  test.each([
    ['the day before the 5th birthday → 6 months', '2019-03-10', '2024-03-09', '2024-09-09'],
    ['on the 5th birthday → 12 months', '2019-03-10', '2024-03-10', '2025-03-10'],
    ['a baby → 6 months', '2024-01-15', '2024-07-01', '2025-01-01'],
    ['a 15-year-old → 12 months', '2010-06-01', '2025-06-01', '2026-06-01'],
    ['29 Feb birthday: the day before the 5th birthday (28 Feb in a common year) → 6 months', '2016-02-29', '2021-02-27', '2021-08-27'],
    ['29 Feb birthday: on 28 Feb of the 5th year the child is 5 (DfE anniversary rule) → 12 months', '2016-02-29', '2021-02-28', '2022-02-28'],
    ['29 Feb birthday assessed on 29 Feb at 4 → 6 months later', '2020-02-29', '2024-02-29', '2024-08-29'],
    ['31 Aug + 6 months clamps to the end of February', '2018-01-01', '2020-08-31', '2021-02-28'],
    ['29 Feb + 12 months clamps to 28 Feb', '2010-01-01', '2024-02-29', '2025-02-28'],
  ])('%s', (_, dateOfBirth, lastAssessmentOn, expected) => {
    expect(reviewHealthAssessmentDueOn({ lastAssessmentOn, dateOfBirth })).toBe(expected);
  });
});

describe('nextHealthAssessment: IHA until the first assessment of the period, then RHA; status due/overdue/booked', () => {
  const base = { periodOfCareStartedOn: '2020-05-01', dateOfBirth: '2010-09-01', bankHolidays };
  const iha = (completedOn: string): CompletedHealthAssessment => ({ kind: 'IHA', completedOn });
  const rha = (completedOn: string): CompletedHealthAssessment => ({ kind: 'RHA', completedOn });

  test.each<[string, Parameters<typeof nextHealthAssessment>[0], Partial<ReturnType<typeof nextHealthAssessment>>]>([
    ['no assessment yet: IHA due 20 working days after entry', { ...base, assessments: [], today: '2020-05-20' }, { type: 'IHA', due: '2020-06-02', status: 'due', workingDaysOverdue: 0 }],
    ['on the due day the IHA is due, not overdue', { ...base, assessments: [], today: '2020-06-02' }, { status: 'due', workingDaysOverdue: 0 }],
    ['three working days after the due day it is overdue by 3', { ...base, assessments: [], today: '2020-06-05' }, { type: 'IHA', status: 'overdue', workingDaysOverdue: 3 }],
    ['overdue across a weekend counts working days only', { ...base, assessments: [], today: '2020-06-08' }, { status: 'overdue', workingDaysOverdue: 4 }],
    ['a future booking makes it booked, and still shows the breach', { ...base, assessments: [], booked: { kind: 'IHA', bookedOn: '2020-06-10' }, today: '2020-06-05' }, { status: 'booked', bookedOn: '2020-06-10', workingDaysOverdue: 3 }],
    ['a booking before the due date is booked with no breach', { ...base, assessments: [], booked: { kind: 'IHA', bookedOn: '2020-05-28' }, today: '2020-05-20' }, { status: 'booked', workingDaysOverdue: 0 }],
    ['a past booking never completed is a missed appointment: overdue', { ...base, assessments: [], booked: { kind: 'IHA', bookedOn: '2020-06-04' }, today: '2020-06-05' }, { status: 'overdue', bookedOn: null }],
    ['an assessment from a previous period of care does not count', { ...base, assessments: [rha('2020-03-01')], today: '2020-05-20' }, { type: 'IHA', due: '2020-06-02' }],
    ['the first assessment in the period is the IHA even if labelled RHA: next is an RHA', { ...base, assessments: [rha('2020-05-20')], today: '2020-06-10' }, { type: 'RHA', due: '2021-05-20', status: 'due', lastAssessmentOn: '2020-05-20' }],
    ['RHA for a child under 5 at the last assessment is 6 months on', { ...base, dateOfBirth: '2017-01-01', assessments: [iha('2020-05-20')], today: '2020-06-10' }, { type: 'RHA', due: '2020-11-20' }],
    ['the latest assessment sets the clock', { ...base, assessments: [iha('2020-05-20'), rha('2021-05-10')], today: '2021-06-01' }, { type: 'RHA', due: '2022-05-10' }],
    ['an assessment recorded after "today" is not yet counted', { ...base, assessments: [iha('2020-05-20')], today: '2020-05-19' }, { type: 'IHA' }],
    ['an IHA booking does not count for a due RHA', { ...base, assessments: [iha('2020-05-20')], booked: { kind: 'IHA', bookedOn: '2021-06-01' }, today: '2021-05-25' }, { type: 'RHA', status: 'overdue', workingDaysOverdue: 3 }],
  ])('%s', (_, input, expected) => {
    expect(nextHealthAssessment(input)).toMatchObject(expected);
  });
});

describe('periodOfCareStart: the RNE = S start of the current continuous period of care (§1.1, §2.3)', () => {
  const ep = (startedOn: string, endedOn: string | null, reasonNewEpisode: string): CareEpisode => ({ startedOn, endedOn, reasonNewEpisode });

  test.each<[string, CareEpisode[], string, string | null]>([
    ['one open episode that started the period', [ep('2024-01-10', null, 'S')], '2025-01-01', '2024-01-10'],
    ['placement changes chained same day (X1) go back to the S episode', [ep('2024-01-10', '2024-03-01', 'S'), ep('2024-03-01', '2024-09-15', 'P'), ep('2024-09-15', null, 'L')], '2025-01-01', '2024-01-10'],
    ['episodes given out of order are sorted first', [ep('2024-09-15', null, 'L'), ep('2024-01-10', '2024-03-01', 'S'), ep('2024-03-01', '2024-09-15', 'P')], '2025-01-01', '2024-01-10'],
    ['a child who left care and came back starts a new period', [ep('2021-01-01', '2022-01-01', 'S'), ep('2023-05-02', null, 'S')], '2024-01-01', '2023-05-02'],
    ['a new S episode on the day the last one ended is a new period', [ep('2021-01-01', '2023-05-02', 'S'), ep('2023-05-02', null, 'S')], '2024-01-01', '2023-05-02'],
    ['an episode ending today still covers today', [ep('2024-01-10', '2025-01-01', 'S')], '2025-01-01', '2024-01-10'],
    ['not looked after today: null', [ep('2021-01-01', '2022-01-01', 'S')], '2024-01-01', null],
    ['an episode starting after today is not current: null', [ep('2026-01-01', null, 'S')], '2025-01-01', null],
    ['a gap before a non-S episode (incomplete data) stops at the earliest chained episode', [ep('2020-01-01', '2020-06-01', 'S'), ep('2020-07-01', '2020-09-01', 'P'), ep('2020-09-01', null, 'P')], '2021-01-01', '2020-07-01'],
  ])('%s', (_, episodes, today, expected) => {
    expect(periodOfCareStart({ episodes, today })).toBe(expected);
  });
});

describe('careLeaverReviewDueOn: proactive annual review until 21, or 25 on request (CLASP policy from CQC 4.8, rec 1.5)', () => {
  const dateOfBirth = '2006-06-01';

  test.each<[string, Parameters<typeof careLeaverReviewDueOn>[0], string | null]>([
    ['first review 12 months after leaving care, without waiting for social care', { dateOfBirth, extendedTo25: false, leftCareOn: '2024-06-01' }, '2025-06-01'],
    ['then 12 months after the last review', { dateOfBirth, extendedTo25: false, leftCareOn: '2024-06-01', lastReviewOn: '2025-05-20' }, '2026-05-20'],
    ['a review due the day before the 21st birthday is still offered', { dateOfBirth, extendedTo25: false, lastReviewOn: '2026-05-31' }, '2027-05-31'],
    ['a review that would fall on the 21st birthday is not: the offer has ended', { dateOfBirth, extendedTo25: false, lastReviewOn: '2026-06-01' }, null],
    ['extended to 25 the reviews continue past 21', { dateOfBirth, extendedTo25: true, lastReviewOn: '2026-06-01' }, '2027-06-01'],
    ['extended to 25 the offer ends on the 25th birthday', { dateOfBirth, extendedTo25: true, lastReviewOn: '2030-06-02' }, null],
  ])('%s', (_, input, expected) => {
    expect(careLeaverReviewDueOn(input)).toBe(expected);
  });

  test.each([
    ['2006-06-01', false, '2027-06-01'],
    ['2006-06-01', true, '2031-06-01'],
    ['2004-02-29', false, '2025-02-28'],
  ])('born %s, extended %s: the offer ends on %s', (dob, extendedTo25, expected) => {
    expect(careLeaverOfferEndsOn({ dateOfBirth: dob, extendedTo25 })).toBe(expected);
  });
});

describe('healthAssessmentExceptions: young people who missed or refused assessments (CQC 5.2.3)', () => {
  test('lists refused, missed and overdue-outstanding assessments, oldest first; completed ones are not exceptions', () => {
    const records = [
      { childId: 'c1', kind: 'RHA', status: 'completed', dueOn: '2025-01-10' },
      { childId: 'c2', kind: 'RHA', status: 'declined', dueOn: '2025-03-01' },
      { childId: 'c3', kind: 'IHA', status: 'did_not_attend', dueOn: '2025-02-01' },
      { childId: 'c4', kind: 'RHA', status: 'booked', dueOn: '2025-01-20' },
      { childId: 'c5', kind: 'RHA', status: 'requested', dueOn: '2025-12-01' },
    ] as const;
    expect(healthAssessmentExceptions({ records, today: '2025-04-01' })).toEqual([
      { childId: 'c4', kind: 'RHA', dueOn: '2025-01-20', reason: 'overdue' },
      { childId: 'c3', kind: 'IHA', dueOn: '2025-02-01', reason: 'missed' },
      { childId: 'c2', kind: 'RHA', dueOn: '2025-03-01', reason: 'refused' },
    ]);
  });
});
