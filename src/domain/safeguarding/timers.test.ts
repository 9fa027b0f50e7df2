import { describe, expect, test } from 'vitest';
import { englandAndWalesBankHolidays } from '../calendar/bank-holidays.js';
import { ROUTING_RULES } from './routing-rules.js';
import { deadlineFor, isOverdue, TIMER_KINDS, TIMER_RULES, type TimerKind } from './timers.js';

const bankHolidays = englandAndWalesBankHolidays({ fromYear: 2019, toYear: 2027 });
const due = (kind: TimerKind, from: string, workingHours?: number) => deadlineFor({ kind, from, bankHolidays, ...(workingHours === undefined ? {} : { workingHours }) });

describe('timer rules are versioned data citing their source', () => {
  test.each(TIMER_KINDS.map((kind) => [kind]))('%s has a version, a §11 source, an edition and a plain description', (kind) => {
    const rule = TIMER_RULES[kind];
    expect(rule.kind).toBe(kind);
    expect(rule.version).toBeGreaterThanOrEqual(1);
    expect(rule.source).toMatch(kind === 'worklist_escalation' ? /§11 escalation/ : /domain-rules\.md §11/);
    expect(rule.edition.length).toBeGreaterThan(0);
    expect(rule.description).toMatch(/\.$/);
  });
  test('working-day rules also cite the §5 counting convention', () => {
    for (const rule of Object.values(TIMER_RULES)) if (rule.measure.unit === 'working_days') expect(rule.source).toMatch(/§5/);
  });
});

describe('written confirmation of a verbal MASH referral: 48 clock hours (§11 [S])', () => {
  test.each([
    ['2026-11-27T15:30:00Z', '2026-11-29T15:30:00.000Z', '2026-11-29', 'clock hours run over the weekend'],
    ['2026-10-24T10:00:00Z', '2026-10-26T10:00:00.000Z', '2026-10-26', 'elapsed hours across the October clock change (11:00 BST → 10:00 GMT)'],
    ['2026-12-24T12:00:00Z', '2026-12-26T12:00:00.000Z', '2026-12-26', 'bank holidays do not stop a clock-hour timer'],
  ])('verbal referral at %s: written confirmation due %s', (from, dueAt, dueOn) => {
    expect(due('written_confirmation_of_verbal_referral', from)).toMatchObject({ dueAt, dueOn, ruleVersion: 1 });
  });
});

describe('MASH decision and acknowledgement: within 1 working day = 17:00 London on the next working day (§11 [S], §5)', () => {
  test.each([
    ['2026-11-23T10:00:00Z', '2026-11-24T17:00:00.000Z', 'Monday referral → Tuesday 17:00 GMT'],
    ['2026-11-27T16:45:00Z', '2026-11-30T17:00:00.000Z', 'Friday referral → Monday 17:00'],
    ['2026-11-28T11:00:00Z', '2026-11-30T17:00:00.000Z', 'Saturday referral: day 0 is Saturday, Monday is the first working day'],
    ['2026-04-02T15:00:00Z', '2026-04-07T16:00:00.000Z', 'Thursday 2 April 2026: Good Friday and Easter Monday skipped; 17:00 BST = 16:00Z'],
    ['2026-12-24T09:30:00Z', '2026-12-29T17:00:00.000Z', 'Christmas Eve 2026: 25 and 28 December skipped'],
    ['2026-06-07T23:30:00Z', '2026-06-09T16:00:00.000Z', '23:30Z on Sunday is 00:30 BST Monday in London: the day 0 is Monday'],
  ])('referral at %s: decision due %s (%s)', (from, dueAt) => {
    expect(due('mash_decision', from).dueAt).toBe(dueAt);
  });
});

describe('initial child protection conference: within 15 working days of the strategy discussion (§11 [C], §5)', () => {
  test.each([
    ['2020-05-01', '2020-05-26', '§5 test vector Fri 01/05/2020 + 15 working days'],
    ['2026-04-02', '2026-04-27', 'Thu 2 April 2026: Good Friday and Easter Monday are not working days'],
    ['2026-12-10', '2027-01-05', 'over Christmas 2026 and New Year 2027'],
  ])('strategy discussion %s: ICPC by the end of %s', (from, dueOn) => {
    expect(due('initial_child_protection_conference', from).dueOn).toBe(dueOn);
  });
  test('an instant counts from its London date, and the deadline closes at the end of that London day', () => {
    // 23:15Z on Thu 2 Apr 2026 is 00:15 BST on Good Friday: day 0 is Good Friday → still Mon 27 Apr.
    expect(due('initial_child_protection_conference', '2026-04-02T23:15:00Z')).toMatchObject({ dueOn: '2026-04-27', dueAt: '2026-04-27T23:00:00.000Z' });
    expect(due('initial_child_protection_conference', '2026-12-10T14:00:00Z')).toMatchObject({ dueOn: '2027-01-05', dueAt: '2027-01-06T00:00:00.000Z' });
  });
});

describe('core group: first meeting within 10 working days of the ICPC (§11 [S], §5)', () => {
  test.each([
    ['2026-12-07', '2026-12-21'],
    ['2026-12-18', '2027-01-06'],
    ['2025-04-14', '2025-04-30'],
  ])('ICPC %s: core group by %s', (from, dueOn) => {
    expect(due('core_group', from).dueOn).toBe(dueOn);
  });
});

describe('review conferences: first within 3 months of the ICPC, then at most 6-monthly (§11 [C])', () => {
  test.each([
    ['first_review_conference', '2026-01-15', '2026-04-15'],
    ['first_review_conference', '2026-11-30', '2027-02-28'],
    ['subsequent_review_conference', '2026-04-15', '2026-10-15'],
    ['subsequent_review_conference', '2026-08-31', '2027-02-28'],
  ] as const)('%s from %s: by %s (calendar months, clamped to the month end)', (kind, from, dueOn) => {
    expect(due(kind, from).dueOn).toBe(dueOn);
  });
});

describe('reports to a conference (§11 [S]): 48 h before an ICPC, 3 working days before a review', () => {
  test('ICPC at 10:00 on Thu 10 Dec 2026: reports due 10:00 Tue 8 Dec', () => {
    expect(due('reports_to_initial_conference', '2026-12-10T10:00:00Z')).toMatchObject({ dueAt: '2026-12-08T10:00:00.000Z', dueOn: '2026-12-08' });
  });
  test.each([
    ['2026-12-30', '2026-12-23', 'counting back over Christmas 2026 (28 and 25 Dec are bank holidays)'],
    ['2026-11-30', '2026-11-25', 'a Monday review: back over the weekend to Wednesday'],
    ['2026-04-09', '2026-04-02', 'Thu 9 April 2026: back over Easter Monday and Good Friday'],
  ])('review on %s: reports due by the end of %s (%s)', (from, dueOn) => {
    expect(due('reports_to_review_conference', from).dueOn).toBe(dueOn);
  });
});

describe('escalation of an unacknowledged worklist item after N working hours (London time)', () => {
  test.each([
    ['2026-11-23T10:00:00Z', 4, '2026-11-23T14:00:00.000Z', 'same day'],
    ['2026-10-23T15:00:00Z', 4, '2026-10-26T12:00:00.000Z', '16:00 BST Friday + 4h = 12:00 GMT Monday (a UTC window would say 11:00)'],
    ['2026-03-27T15:00:00Z', 4, '2026-03-30T10:00:00.000Z', '15:00 GMT Friday + 4h = 11:00 BST Monday (a UTC window would say 11:00Z)'],
    ['2026-12-24T14:00:00Z', 16, '2026-12-30T14:00:00.000Z', '16 working hours over Christmas 2026'],
  ])('routed at %s, %i working hours: escalates at %s (%s)', (from, hours, dueAt) => {
    expect(due('worklist_escalation', from, hours).dueAt).toBe(dueAt);
  });
  test('every routing rule’s acknowledgement time gives an escalation after the item is routed', () => {
    for (const rule of ROUTING_RULES) {
      const deadline = due('worklist_escalation', '2026-11-23T10:00:00Z', rule.acknowledgeWithinWorkingHours);
      expect(Date.parse(deadline.dueAt)).toBeGreaterThan(Date.parse('2026-11-23T10:00:00Z'));
    }
  });
  test('the escalation needs the number of working hours', () => {
    expect(() => due('worklist_escalation', '2026-11-23T10:00:00Z')).toThrow(RangeError);
  });
});

describe('isOverdue', () => {
  const deadline = due('mash_decision', '2026-11-23T10:00:00Z');
  test.each([
    ['2026-11-24T16:59:59Z', false],
    ['2026-11-24T17:00:00Z', false],
    ['2026-11-24T17:00:01Z', true],
  ])('at %s overdue = %s', (now, expected) => {
    expect(isOverdue({ deadline, now })).toBe(expected);
  });
});
