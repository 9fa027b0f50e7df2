import { describe, expect, test } from 'vitest';
import {
  ENGLAND_AVERAGES,
  OC2_CSV_COLUMNS,
  computeOc2,
  englandAveragesFor,
  isContinuouslyLookedAfter,
  oc2CohortDecision,
  oc2CsvRows,
  oc2YearStart,
  percentOneDecimal,
  toCsv,
  type Oc2Activity,
  type Oc2Child,
  type Oc2CohortDecision,
  type Oc2Episode,
} from './oc2.js';

const yearEnding = '2014-03-31';

const ep = (over: Partial<Oc2Episode>): Oc2Episode => ({
  startedOn: '2010-01-01',
  endedOn: null,
  reasonNewEpisode: 'S',
  reasonCeased: null,
  legalStatus: 'C2',
  ...over,
});

describe('oc2YearStart: the 903 year runs 1 April to 31 March (§0 [C])', () => {
  test.each([
    ['2014-03-31', '2013-04-01'],
    ['2025-03-31', '2024-04-01'],
    ['2024-02-29', '2023-03-01'],
  ])('year ending %s starts %s', (end, start) => {
    expect(oc2YearStart(end)).toBe(start);
  });
});

describe('OC2 cohort: looked after continuously for the whole year, respite excluded (§2.4 [C], validator utils.py)', () => {
  test.each<[string, Oc2Episode[], Oc2CohortDecision]>([
    ['one open episode since before the year', [ep({})], 'included'],
    ['placement changes in the year chained with X1 stay continuous', [ep({ endedOn: '2013-09-01', reasonCeased: 'X1' }), ep({ startedOn: '2013-09-01', reasonNewEpisode: 'P' })], 'included'],
    ['started to be looked after exactly on 1 April (year start) is included', [ep({ startedOn: '2013-04-01' })], 'included'],
    ['started to be looked after on 2 April is excluded', [ep({ startedOn: '2013-04-02' })], 'started_care_in_year'],
    ['started to be looked after on 31 March is excluded', [ep({ startedOn: '2014-03-31' })], 'started_care_in_year'],
    ['left care on 31 March (DEC = year end) is still included (strict <)', [ep({ endedOn: '2014-03-31', reasonCeased: 'E4A' })], 'included'],
    ['left care on 30 March is excluded', [ep({ endedOn: '2014-03-30', reasonCeased: 'E4A' })], 'left_care_in_year'],
    ['left care on 1 April (DEC = year start) is excluded', [ep({ endedOn: '2013-04-01', reasonCeased: 'E13' })], 'left_care_in_year'],
    ['an episode closed with no reason counts as leaving care', [ep({ endedOn: '2013-10-01', reasonCeased: null })], 'left_care_in_year'],
    ['left care before the year: not looked after in the year', [ep({ endedOn: '2013-03-31', reasonCeased: 'E4A' })], 'not_looked_after_in_year'],
    ['started after the year end: not looked after in the year', [ep({ startedOn: '2014-04-01' })], 'not_looked_after_in_year'],
    ['no episodes at all', [], 'not_looked_after_in_year'],
    ['left and came back in the year is excluded', [ep({ endedOn: '2013-06-01', reasonCeased: 'E4B' }), ep({ startedOn: '2013-09-01' })], 'started_care_in_year'],
    ['any V3 short-break episode overlapping the year excludes', [ep({}), ep({ startedOn: '2013-07-01', endedOn: '2013-07-05', legalStatus: 'V3', reasonCeased: 'E8' })], 'short_breaks_in_year'],
    ['a V4 agreement overlapping the year excludes', [ep({ legalStatus: 'V4', startedOn: '2012-01-01' })], 'short_breaks_in_year'],
    ['a V3 episode ending exactly on 1 April still overlaps the year', [ep({ startedOn: '2013-03-28', endedOn: '2013-04-01', legalStatus: 'V3', reasonCeased: 'X1' }), ep({ startedOn: '2013-04-01', reasonNewEpisode: 'L' })], 'short_breaks_in_year'],
    ['short breaks that ended before the year do not exclude', [ep({ startedOn: '2012-01-01', endedOn: '2012-02-01', legalStatus: 'V3', reasonCeased: 'E8' }), ep({ startedOn: '2012-06-01' })], 'included'],
  ])('%s → %s', (_, episodes, decision) => {
    expect(oc2CohortDecision({ episodes, yearEnding })).toBe(decision);
    expect(isContinuouslyLookedAfter({ episodes, yearEnding })).toBe(decision === 'included');
  });
});

describe('percentOneDecimal: one decimal, half-up, 0 for an empty denominator (issue #4)', () => {
  test.each([
    [155, 180, 86.1, 'Bedford 2014 health assessments (CQC Context)'],
    [160, 180, 88.9, 'Bedford 2014 teeth checks (CQC Context)'],
    [50, 50, 100, 'Bedford 2014 under-5 development assessments (all 50)'],
    [1, 16, 6.3, '6.25 rounds half-up, not to even'],
    [1, 80, 1.3, '1.25 rounds half-up'],
    [1, 8, 12.5, 'exact'],
    [1, 3, 33.3, 'down'],
    [2, 3, 66.7, 'up'],
    [0, 10, 0, 'none'],
    [0, 0, 0, 'empty cohort'],
  ])('%i of %i = %d%% (%s)', (count, of, expected) => {
    expect(percentOneDecimal({ count, of })).toBe(expected);
  });
});

function child(over: Partial<Oc2Child> & { childId: string }): Oc2Child {
  return { dateOfBirth: '2005-06-15', episodes: [ep({})], activities: [], ...over };
}
const act = (activity: string, activityOn: string, result: string | number | null = null): Oc2Activity => ({ activity, activityOn, result });

describe('computeOc2: the Bedford 2014 worked figures (CQC Bedford 2015, Context)', () => {
  // 180 children looked after continuously; 155 had an annual health assessment, 160 a dental check;
  // 50 aged under 5, all with development checks; SDQ average 16.1.
  const children: Oc2Child[] = Array.from({ length: 180 }, (_, i) => {
    const underFive = i < 50;
    const activities: Oc2Activity[] = [];
    if (i < 155) activities.push(act('health_assessment', '2013-10-01', i % 2 === 0 ? 'RHA' : 'IHA'));
    if (i >= 20) activities.push(act('dental_check', '2013-11-01'));
    if (underFive) activities.push(act('development_check', '2013-12-01'));
    // ten 10-year-olds' latest SDQs total 161 → average 16.1
    if (i >= 100 && i < 110) activities.push(act('sdq', '2014-01-10', i < 101 ? 17 : 16));
    return child({ childId: `C${i}`, dateOfBirth: underFive ? '2011-01-01' : i >= 100 && i < 110 ? '2003-06-01' : '1998-01-01', activities });
  });
  const result = computeOc2({ yearEnding, children });

  test('cohort 180; health assessments 155 = 86.1%; dental 160 = 88.9%', () => {
    expect(result.cohort).toBe(180);
    expect(result.healthAssessments).toEqual({ count: 155, percent: 86.1 });
    expect(result.dentalChecks).toEqual({ count: 160, percent: 88.9 });
  });

  test('all 50 under-5s had development checks = 100%', () => {
    expect(result.developmentChecks).toEqual({ eligible: 50, count: 50, percent: 100 });
  });

  test('SDQ average 16.1 over the returned SDQs', () => {
    expect(result.sdq).toMatchObject({ returned: 10, averageScore: 16.1 });
  });

  test('the England averages for 2014 are the figures the review quotes', () => {
    expect(englandAveragesFor('2014-03-31')).toMatchObject({ healthAssessmentsPercent: 88.4, dentalChecksPercent: 84.4, sdqAverageScore: 13.9 });
    expect(englandAveragesFor('2015-03-31')).toBeNull();
    expect(ENGLAND_AVERAGES.every((entry) => entry.source.length > 0 && entry.version.length > 0)).toBe(true);
  });
});

describe('computeOc2: what counts "in the year" and for whom (issue #4 "OC2 out")', () => {
  test.each<[string, Oc2Activity[], Partial<Record<'healthAssessment' | 'dentalCheck' | 'immunisationsUpToDate', boolean>>]>([
    ['a health assessment on the year start counts', [act('health_assessment', '2013-04-01', 'IHA')], { healthAssessment: true }],
    ['a health assessment on the year end counts', [act('health_assessment', '2014-03-31', 'RHA')], { healthAssessment: true }],
    ['a health assessment the day before the year does not count', [act('health_assessment', '2013-03-31', 'RHA')], { healthAssessment: false }],
    ['a health assessment after the year end does not count', [act('health_assessment', '2014-04-01', 'RHA')], { healthAssessment: false }],
    ['a health assessment with no IHA/RHA result does not count', [act('health_assessment', '2013-10-01', null)], { healthAssessment: false }],
    ['a dental check in the year counts', [act('dental_check', '2013-05-05')], { dentalCheck: true }],
    ['immunisations up to date recorded before the year still stand at the year end', [act('immunisation_status', '2012-05-01', 'up_to_date')], { immunisationsUpToDate: true }],
    ['the latest immunisation status on or before the year end wins', [act('immunisation_status', '2013-06-01', 'up_to_date'), act('immunisation_status', '2014-02-01', 'not_up_to_date')], { immunisationsUpToDate: false }],
    ['a status recorded after the year end is ignored', [act('immunisation_status', '2013-06-01', 'not_up_to_date'), act('immunisation_status', '2014-04-02', 'up_to_date')], { immunisationsUpToDate: false }],
    ['two statuses on the same latest day: not up to date wins', [act('immunisation_status', '2014-01-01', 'up_to_date'), act('immunisation_status', '2014-01-01', 'not_up_to_date')], { immunisationsUpToDate: false }],
    ['no immunisation status recorded: not up to date', [], { immunisationsUpToDate: false }],
  ])('%s', (_, activities, expected) => {
    const result = computeOc2({ yearEnding, children: [child({ childId: 'A', activities })] });
    expect(result.children[0]).toMatchObject(expected);
  });

  test.each([
    ['5 on the year end: not eligible for development checks', '2009-03-31', { developmentCheck: null, ageAtYearEnd: 5 }],
    ['4 on the year end (5 the next day): eligible', '2009-04-01', { developmentCheck: false, ageAtYearEnd: 4 }],
    ['4 at the year end: SDQ eligible', '2010-03-31', { sdqEligible: true }],
    ['3 at the year end: not SDQ eligible', '2010-04-01', { sdqEligible: false }],
    ['16 at the year end: SDQ eligible', '1997-04-01', { sdqEligible: true }],
    ['17 at the year end: not SDQ eligible', '1997-03-31', { sdqEligible: false }],
  ])('%s', (_, dateOfBirth, expected) => {
    expect(computeOc2({ yearEnding, children: [child({ childId: 'A', dateOfBirth })] }).children[0]).toMatchObject(expected);
  });

  test('the latest valid SDQ in the year is used; out-of-range totals are ignored', () => {
    const activities = [act('sdq', '2013-05-01', '20'), act('sdq', '2014-02-01', 12), act('sdq', '2014-03-01', '41'), act('sdq', '2014-04-02', 30)];
    const result = computeOc2({ yearEnding, children: [child({ childId: 'A', dateOfBirth: '2004-01-01', activities })] });
    expect(result.children[0]).toMatchObject({ sdqScore: 12, sdqOn: '2014-02-01' });
    expect(result.sdq).toEqual({ eligible: 1, returned: 1, averageScore: 12 });
  });

  test('an SDQ for a child outside 4–16 is not in the average', () => {
    const result = computeOc2({ yearEnding, children: [child({ childId: 'A', dateOfBirth: '1996-01-01', activities: [act('sdq', '2013-05-01', 30)] })] });
    expect(result.sdq).toEqual({ eligible: 0, returned: 0, averageScore: null });
  });

  test('children outside the cohort are listed with the reason and not counted', () => {
    const result = computeOc2({
      yearEnding,
      children: [
        child({ childId: 'IN', activities: [act('dental_check', '2013-06-01')] }),
        child({ childId: 'NEW', episodes: [ep({ startedOn: '2013-06-01' })], activities: [act('dental_check', '2013-07-01')] }),
      ],
    });
    expect(result.cohort).toBe(1);
    expect(result.dentalChecks).toEqual({ count: 1, percent: 100 });
    expect(result.excluded).toEqual([{ childId: 'NEW', reason: 'started_care_in_year' }]);
  });

  test('an empty cohort gives zero percentages and no SDQ average', () => {
    const result = computeOc2({ yearEnding, children: [] });
    expect(result).toMatchObject({
      yearStart: '2013-04-01',
      cohort: 0,
      healthAssessments: { count: 0, percent: 0 },
      developmentChecks: { eligible: 0, count: 0, percent: 0 },
      sdq: { eligible: 0, returned: 0, averageScore: null },
    });
  });
});

describe('oc2CsvRows: DfE oc2.csv columns and applicability (§2.1, §2.5 [C])', () => {
  const rowFor = (c: Oc2Child) => oc2CsvRows({ yearEnding, children: [c] })[0];

  test('columns are the DfE oc2.csv header in order', () => {
    expect(toCsv([]).split('\r\n')[0]).toBe(
      'CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED',
    );
    expect(OC2_CSV_COLUMNS).toHaveLength(12);
  });

  test('a 3-year-old: HEALTH_CHECK given, SDQ blank (rule 188), DOB dd/mm/yyyy', () => {
    const row = rowFor(child({ childId: 'T1', dateOfBirth: '2010-07-04', activities: [act('development_check', '2013-09-01'), act('immunisation_status', '2013-09-01', 'up_to_date')] }));
    expect(row).toEqual({
      CHILD: 'T1',
      DOB: '04/07/2010',
      SDQ_SCORE: '',
      SDQ_REASON: '',
      CONVICTED: '',
      HEALTH_CHECK: '1',
      IMMUNISATIONS: '1',
      TEETH_CHECK: '0',
      HEALTH_ASSESSMENT: '0',
      SUBSTANCE_MISUSE: '',
      INTERVENTION_RECEIVED: '',
      INTERVENTION_OFFERED: '',
    });
  });

  test.each<[string, string, Oc2Activity[], Oc2Child['localAuthority'], { SDQ_SCORE: string; SDQ_REASON: string }]>([
    ['aged 4–16 all year with a score: the score', '2005-06-15', [act('sdq', '2013-10-01', 14)], undefined, { SDQ_SCORE: '14', SDQ_REASON: '' }],
    ['aged 4–16 all year, no score: SDQ4 other (SDQ1 not allowed, rule 157)', '2005-06-15', [], undefined, { SDQ_SCORE: '', SDQ_REASON: 'SDQ4' }],
    ['aged 4–16 all year, carer refused: the LA reason SDQ2', '2005-06-15', [], { sdqReason: 'SDQ2' }, { SDQ_SCORE: '', SDQ_REASON: 'SDQ2' }],
    ['aged 4–16 all year, LA reason SDQ1 is replaced by SDQ4', '2005-06-15', [], { sdqReason: 'SDQ1' }, { SDQ_SCORE: '', SDQ_REASON: 'SDQ4' }],
    ['turning 4 in the year, no score: SDQ1', '2009-10-01', [], undefined, { SDQ_SCORE: '', SDQ_REASON: 'SDQ1' }],
    ['turning 17 in the year with a score: the score (rule 197B)', '1996-10-01', [act('sdq', '2013-06-01', 9)], undefined, { SDQ_SCORE: '9', SDQ_REASON: '' }],
    ['17 at the year start: both blank (rule 189)', '1996-04-01', [act('sdq', '2013-06-01', 9)], undefined, { SDQ_SCORE: '', SDQ_REASON: '' }],
  ])('SDQ: %s', (_, dateOfBirth, activities, localAuthority, expected) => {
    const input = localAuthority === undefined ? child({ childId: 'S', dateOfBirth, activities }) : child({ childId: 'S', dateOfBirth, activities, localAuthority });
    expect(rowFor(input)).toMatchObject(expected);
  });

  test.each<[string, string, Oc2Child['localAuthority'], Record<string, string>]>([
    ['nothing held by CLASP: LA-only columns blank', '2000-01-01', {}, { CONVICTED: '', SUBSTANCE_MISUSE: '', INTERVENTION_RECEIVED: '', INTERVENTION_OFFERED: '' }],
    ['CONVICTED given for a 14-year-old', '2000-01-01', { convicted: true }, { CONVICTED: '1' }],
    ['CONVICTED is blank under 10 even if given (rule 543)', '2005-01-01', { convicted: false }, { CONVICTED: '' }],
    ['substance misuse, intervention received: OFFERED blank', '2000-01-01', { substanceMisuse: true, interventionReceived: true, interventionOffered: true }, { SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '1', INTERVENTION_OFFERED: '' }],
    ['substance misuse, not received, offered and refused', '2000-01-01', { substanceMisuse: true, interventionReceived: false, interventionOffered: true }, { SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '0', INTERVENTION_OFFERED: '1' }],
    ['no substance misuse: interventions blank', '2000-01-01', { substanceMisuse: false, interventionReceived: false }, { SUBSTANCE_MISUSE: '0', INTERVENTION_RECEIVED: '', INTERVENTION_OFFERED: '' }],
    ['a 5-year-old: HEALTH_CHECK blank (rule 546)', '2008-06-01', {}, { HEALTH_CHECK: '' }],
  ])('%s', (_, dateOfBirth, localAuthority, expected) => {
    expect(rowFor(child({ childId: 'L', dateOfBirth, localAuthority }))).toMatchObject(expected);
  });

  test('children outside the cohort get no row', () => {
    expect(oc2CsvRows({ yearEnding, children: [child({ childId: 'X', episodes: [ep({ startedOn: '2013-06-01' })] })] })).toEqual([]);
  });

  test('toCsv quotes a value with a comma and ends every line with CRLF', () => {
    const rows = oc2CsvRows({ yearEnding, children: [child({ childId: 'A,1', activities: [act('dental_check', '2013-06-01')] })] });
    expect(toCsv(rows)).toBe(`${OC2_CSV_COLUMNS.join(',')}\r\n"A,1",15/06/2005,,SDQ4,,,0,1,0,,,\r\n`);
  });
});
