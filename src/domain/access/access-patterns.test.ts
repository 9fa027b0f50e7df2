import { describe, expect, test } from 'vitest';
import { ACCESS_PATTERN_RULES, isAreaWideBasis, isManyChildren, isOutOfHours, manyChildrenThreshold, unusualReasonsForAccess, unusualReasonsForPerson } from './access-patterns.js';
import { describeAccessBasis, describeAuditAction, describeAuditOutcome, describeChannel, describeRole } from './audit-vocabulary.js';

describe('access patterns: versioned data', () => {
  test('the rules carry a version, working hours 08:00 to 18:00 and an area-wide breadth threshold', () => {
    expect(ACCESS_PATTERN_RULES).toMatchObject({ version: 1, workingHours: { startHour: 8, endHour: 18 }, manyChildren: { distinctChildren: 20, perDays: 7 } });
  });
});

describe('out of hours is before 08:00 or from 18:00 (local time)', () => {
  test.each([
    ['midnight', '00:00', true],
    ['one minute before the day starts', '07:59', true],
    ['the day starts at 08:00', '08:00', false],
    ['midday', '12:30:15', false],
    ['the last minute of the day', '17:59', false],
    ['18:00 is already out of hours', '18:00', true],
    ['late evening', '23:45', true],
  ])('%s (%s)', (_, time, expected) => {
    expect(isOutOfHours(time)).toBe(expected);
  });

  test('a value that is not a time is a programmer error', () => {
    expect(() => isOutOfHours('noon')).toThrow();
  });
});

describe('area-wide bases are the ones that reach a child without a caseload', () => {
  test.each([
    ['all', true],
    ['presenting', true],
    ['break_glass', true],
    ['own_caseload', false],
    ['team_caseload', false],
    ['organisation_caseload', false],
    ['registered_practice', false],
    ['looked_after', false],
    [null, false],
  ])('%s → %s', (basis, expected) => {
    expect(isAreaWideBasis(basis)).toBe(expected);
  });
});

describe('"many children": 20 per 7 days, never fewer than 20', () => {
  test.each([
    ['one day', 1, 20],
    ['a week', 7, 20],
    ['two weeks', 14, 40],
    ['ten days rounds up', 10, 29],
    ['thirty days', 30, 86],
    ['a zero-length period still needs 20', 0, 20],
  ])('%s: %i days → %i children', (_, days, expected) => {
    expect(manyChildrenThreshold({ days })).toBe(expected);
  });

  test.each([
    [19, 7, false],
    [20, 7, true],
    [39, 14, false],
    [40, 14, true],
  ])('%i different children in %i days → %s', (distinctChildren, days, expected) => {
    expect(isManyChildren({ distinctChildren, days })).toBe(expected);
  });
});

describe('why one access stands out', () => {
  test.each([
    ['an ordinary daytime view on a caseload', 'own_caseload', 'allowed', '10:00', []],
    ['break-glass', 'break_glass', 'allowed', '10:00', ['break_glass']],
    ['a refusal by role', null, 'denied', '10:00', ['refused']],
    ['an attempt outside scope', 'none', 'not_found', '09:00', ['refused']],
    ['a refused change', 'own_caseload', 'failed', '09:00', ['refused']],
    ['an out-of-hours view', 'team_caseload', 'allowed', '22:10', ['out_of_hours']],
    ['break-glass at 3 a.m.', 'break_glass', 'allowed', '03:00', ['break_glass', 'out_of_hours']],
    ['an area-wide daytime view alone is not unusual', 'all', 'allowed', '11:00', []],
  ] as const)('%s', (_, basis, outcome, localTime, expected) => {
    expect(unusualReasonsForAccess({ basis, outcome, localTime })).toEqual(expected);
  });
});

describe('why a person stands out over a period', () => {
  test('many children viewed area-wide adds the breadth reason, in the reviewer’s order', () => {
    expect(unusualReasonsForPerson({ accessReasons: ['out_of_hours'], areaWideDistinctChildren: 25, days: 7 })).toEqual(['out_of_hours', 'many_children_area_wide']);
  });
  test('below the threshold only the accesses’ own reasons remain, once each', () => {
    expect(unusualReasonsForPerson({ accessReasons: ['refused', 'break_glass', 'refused'], areaWideDistinctChildren: 19, days: 7 })).toEqual(['break_glass', 'refused']);
  });
  test('nothing unusual', () => {
    expect(unusualReasonsForPerson({ accessReasons: [], areaWideDistinctChildren: 3, days: 30 })).toEqual([]);
  });
});

describe('the audit log in plain words', () => {
  test.each([
    ['child.read', 'viewed the record'],
    ['event.record', 'recorded an event'],
    ['chronology.export', 'exported the chronology'],
    ['health_assessment.did_not_attend', 'updated a health assessment (did not attend)'],
    ['cohort.read', 'cohort read'],
  ])('%s → %s', (action, text) => {
    expect(describeAuditAction(action)).toBe(text);
  });

  test('bases, outcomes, channels and roles', () => {
    expect(describeAccessBasis('own_caseload')).toBe('On their own caseload');
    expect(describeAccessBasis('break_glass')).toBe('Emergency access (break-glass)');
    expect(describeAccessBasis(undefined)).toBe('Not recorded');
    expect(describeAuditOutcome({ outcome: 'not_found', reason: 'scope' })).toBe('Refused: outside their scope');
    expect(describeAuditOutcome({ outcome: 'denied', reason: 'role' })).toBe('Refused: their role does not allow it');
    expect(describeAuditOutcome({ outcome: 'failed', reason: 'auth.forbidden' })).toBe('Refused: not permitted for this child');
    expect(describeChannel('cli')).toBe('Command line');
    expect(describeChannel('api')).toBe('API');
    expect(describeChannel('web')).toBe('Web');
    expect(describeRole('designated_nurse')).toBe('Designated nurse');
    expect(describeRole(null)).toBe('Not recorded');
  });
});
