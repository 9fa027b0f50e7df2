import { describe, expect, test } from 'vitest';
import { englandAndWalesBankHolidays } from '../calendar/bank-holidays.js';
import { addLondonDays, DRIFT_RULES, findDrift, type ChildFacts, type DriftEvent, type DriftRule, type DriftWorklistItem } from './drift.js';

const bankHolidays = englandAndWalesBankHolidays({ fromYear: 2024, toYear: 2027 });
const CHILD = 'child-1';
let seq = 0;
const ev = (type: string, occurredAt: string, details: Record<string, unknown> = {}, id = `e${++seq}`): DriftEvent => ({ id, type, occurredAt, details });
const item = (eventId: string, values: Partial<DriftWorklistItem> = {}): DriftWorklistItem => ({ id: `w${++seq}`, eventId, teamId: 'team-a', createdAt: '2026-11-23T10:00:00Z', escalateAt: null, acknowledgedAt: null, actionedAt: null, ...values });
const facts = (events: DriftEvent[], worklistItems: DriftWorklistItem[] = []): ChildFacts => ({ childId: CHILD, events, worklistItems });
const rule = (id: string) => DRIFT_RULES.filter((r) => r.id === id);
const drift = (child: ChildFacts, now: string, rules: readonly DriftRule[] = DRIFT_RULES) => findDrift({ child, rules, now, bankHolidays });

describe('drift rules are versioned data', () => {
  test('ids are unique; each has a version, a source and a plain description', () => {
    expect(new Set(DRIFT_RULES.map((r) => r.id)).size).toBe(DRIFT_RULES.length);
    for (const r of DRIFT_RULES) {
      expect(r.version).toBeGreaterThanOrEqual(1);
      expect(r.source.length).toBeGreaterThan(10);
      expect(r.description).toMatch(/\.$/);
    }
  });
  test('each description states the rule’s numeric parameters', () => {
    for (const r of DRIFT_RULES) for (const value of Object.values(r.parameters)) expect(r.description, r.id).toContain(String(value));
  });
  test('the MASH rules cite domain-rules §11', () => {
    for (const r of DRIFT_RULES.filter((x) => x.id.startsWith('mash-'))) expect(r.source).toMatch(/§11/);
  });
  test('a later version with different parameters finds differently, and the finding records the version', () => {
    const child = facts([ev('missed_appointment', '2026-11-10T10:00:00Z', {}, 'missed')]);
    const v1 = rule('missed-appointment-no-follow-up');
    const v2 = v1.map((r) => ({ ...r, version: 2, description: 'A missed appointment has had no follow-up within 5 days.', parameters: { withinDays: 5 } }) as DriftRule);
    expect(drift(child, '2026-11-16T10:00:00Z', v1)).toEqual([]);
    expect(drift(child, '2026-11-16T10:00:00Z', v2)).toMatchObject([{ ruleId: 'missed-appointment-no-follow-up', ruleVersion: 2, since: '2026-11-15T10:00:00.000Z' }]);
  });
});

describe('maternity-risk-no-contact: a risk at booking and no health contact within 14 days (review 1.5)', () => {
  const rules = rule('maternity-risk-no-contact');
  const booking = ev('maternity_booking', '2026-11-02T10:00:00Z', { gestationWeeks: 10, riskFactors: ['domestic_abuse'] }, 'booking');
  test.each([
    ['2026-11-16T09:59:59Z', 0, 'day 14 not yet over'],
    ['2026-11-16T10:00:00Z', 1, '14 days after the booking'],
    ['2027-02-01T10:00:00Z', 1, 'months later, still no contact'],
  ])('at %s: %i finding(s) (%s)', (now, count) => {
    expect(drift(facts([booking]), now, rules)).toHaveLength(count);
  });
  test('the finding names the booking, the child and when the drift began', () => {
    expect(drift(facts([booking]), '2026-11-27T12:00:00Z', rules)).toEqual([
      { ruleId: 'maternity-risk-no-contact', ruleVersion: 1, childId: CHILD, since: '2026-11-16T10:00:00.000Z', description: rules[0]!.description, eventIds: ['booking'], worklistItemId: null, teamId: null },
    ]);
  });
  test('a booking with no risk factors is not drift', () => {
    expect(drift(facts([ev('maternity_booking', '2026-11-02T10:00:00Z', { gestationWeeks: 10, riskFactors: [] })]), '2026-12-27T12:00:00Z', rules)).toEqual([]);
  });
  test('a health contact after the booking ends the drift, even a late one', () => {
    const contact = ev('health_contact', '2026-11-20T10:00:00Z', { kind: 'home_visit', childSeen: false });
    expect(drift(facts([booking, contact]), '2026-11-27T12:00:00Z', rules)).toEqual([]);
    expect(drift(facts([booking, contact]), '2026-11-18T12:00:00Z', rules)).toHaveLength(1);
  });
  test('a no-access visit is not a follow-up, nor is a contact before the booking', () => {
    const noAccess = ev('health_contact', '2026-11-05T10:00:00Z', { kind: 'no_access_visit', childSeen: false });
    const before = ev('health_contact', '2026-10-30T10:00:00Z', { kind: 'clinic', childSeen: true });
    expect(drift(facts([booking, noAccess, before]), '2026-11-27T12:00:00Z', rules)).toHaveLength(1);
  });
  test('14 days are London calendar days: 10:00 BST on 20 October is late from 10:00 GMT on 3 November', () => {
    const summer = ev('maternity_booking', '2026-10-20T09:00:00Z', { gestationWeeks: 9, riskFactors: ['substance_misuse'] });
    expect(drift(facts([summer]), '2026-11-03T09:59:59Z', rules)).toEqual([]);
    expect(drift(facts([summer]), '2026-11-03T10:00:00Z', rules)).toMatchObject([{ since: '2026-11-03T10:00:00.000Z' }]);
  });
});

describe('mash-referral-no-decision: no decision by 17:00 on the next working day + 4 working hours (§11, §5)', () => {
  const rules = rule('mash-referral-no-decision');
  test.each([
    // Thu 2 Apr 2026 11:00 BST: next working day is Tue 7 Apr (Good Friday, Easter Monday); 17:00 BST + 4h = Wed 8 Apr 13:00 BST (12:00Z).
    ['2026-04-02T10:00:00Z', '2026-04-08T11:59:59Z', null, 'Easter 2026: not yet'],
    ['2026-04-02T10:00:00Z', '2026-04-08T12:00:00Z', '2026-04-08T12:00:00.000Z', 'Easter 2026: late from Wed 8 Apr 13:00 BST'],
    // Thu 24 Dec 2026: next working day Tue 29 Dec (25 and 28 Dec are bank holidays); 17:00 + 4h = Wed 30 Dec 13:00 GMT.
    ['2026-12-24T10:00:00Z', '2026-12-30T12:59:59Z', null, 'Christmas 2026: not yet'],
    ['2026-12-24T10:00:00Z', '2026-12-30T13:00:00Z', '2026-12-30T13:00:00.000Z', 'Christmas 2026: late from Wed 30 Dec 13:00'],
    ['2026-11-23T10:00:00Z', '2026-11-25T13:00:00Z', '2026-11-25T13:00:00.000Z', 'an ordinary Monday referral is late from Wednesday 13:00'],
  ])('referral %s, now %s: since %s (%s)', (at, now, since) => {
    const found = drift(facts([ev('mash_referral', at, { mode: 'written' }, 'ref')]), now, rules);
    expect(found.map((f) => f.since)).toEqual(since ? [since] : []);
  });
  test('an unlinked decision after the referral decides it; one before it does not', () => {
    const referral = ev('mash_referral', '2026-11-23T10:00:00Z', { mode: 'written' }, 'ref');
    expect(drift(facts([referral, ev('mash_decision', '2026-11-26T10:00:00Z', { decision: 'early_help' })]), '2026-11-27T12:00:00Z', rules)).toEqual([]);
    expect(drift(facts([ev('mash_decision', '2026-11-20T10:00:00Z', { decision: 'early_help' }), referral]), '2026-11-27T12:00:00Z', rules)).toHaveLength(1);
  });
  test('a decision linked to another referral does not decide this one', () => {
    const first = ev('mash_referral', '2026-11-16T10:00:00Z', { mode: 'written' }, 'first');
    const second = ev('mash_referral', '2026-11-23T10:00:00Z', { mode: 'written' }, 'second');
    const decision = ev('mash_decision', '2026-11-24T10:00:00Z', { decision: 'early_help', referralEventId: 'first' });
    expect(drift(facts([first, second, decision]), '2026-11-27T12:00:00Z', rules)).toMatchObject([{ eventIds: ['second'] }]);
  });
  test('a verbal referral and its written confirmation are one referral, timed from the verbal one', () => {
    const verbal = ev('mash_referral', '2026-11-23T10:00:00Z', { mode: 'verbal' }, 'verbal');
    const written = ev('mash_referral', '2026-11-24T10:00:00Z', { mode: 'written', confirmsVerbalReferralId: 'verbal' }, 'written');
    expect(drift(facts([verbal, written]), '2026-11-27T12:00:00Z', rules)).toMatchObject([{ since: '2026-11-25T13:00:00.000Z', eventIds: ['verbal', 'written'] }]);
    const decision = ev('mash_decision', '2026-11-26T10:00:00Z', { decision: 'child_in_need_assessment', referralEventId: 'written' });
    expect(drift(facts([verbal, written, decision]), '2026-11-27T12:00:00Z', rules)).toEqual([]);
  });
});

describe('mash-verbal-referral-unconfirmed: written confirmation within 48 hours (§11)', () => {
  const rules = rule('mash-verbal-referral-unconfirmed');
  const verbal = ev('mash_referral', '2026-11-23T10:00:00Z', { mode: 'verbal' }, 'verbal');
  test.each([
    ['2026-11-25T09:59:59Z', 0],
    ['2026-11-25T10:00:00Z', 1],
  ])('verbal at 2026-11-23T10:00Z, now %s: %i finding(s)', (now, count) => {
    expect(drift(facts([verbal]), now, rules)).toHaveLength(count);
  });
  test('a linked written referral confirms it; one linked to a different verbal referral does not', () => {
    expect(drift(facts([verbal, ev('mash_referral', '2026-11-24T09:00:00Z', { mode: 'written', confirmsVerbalReferralId: 'verbal' })]), '2026-11-27T12:00:00Z', rules)).toEqual([]);
    expect(drift(facts([verbal, ev('mash_referral', '2026-11-24T09:00:00Z', { mode: 'written', confirmsVerbalReferralId: 'another' })]), '2026-11-27T12:00:00Z', rules)).toHaveLength(1);
  });
  test('a written referral is never itself unconfirmed', () => {
    expect(drift(facts([ev('mash_referral', '2026-11-23T10:00:00Z', { mode: 'written' })]), '2026-11-27T12:00:00Z', rules)).toEqual([]);
  });
});

describe('worklist-item-past-escalation: past escalate_at and still unacknowledged', () => {
  const rules = rule('worklist-item-past-escalation');
  const event = ev('ed_attendance', '2026-11-23T09:00:00Z', {}, 'ed');
  test('before the escalation time: none; at it: one, naming the item and its team', () => {
    const open = item('ed', { escalateAt: '2026-11-24T14:00:00Z' });
    expect(drift(facts([event], [open]), '2026-11-24T13:59:59Z', rules)).toEqual([]);
    expect(drift(facts([event], [open]), '2026-11-24T14:00:00Z', rules)).toMatchObject([{ since: '2026-11-24T14:00:00.000Z', eventIds: ['ed'], worklistItemId: open.id, teamId: 'team-a' }]);
  });
  test('an acknowledged item is not drift, even if acknowledged late', () => {
    const acknowledged = item('ed', { escalateAt: '2026-11-24T14:00:00Z', acknowledgedAt: '2026-11-25T09:00:00Z' });
    expect(drift(facts([event], [acknowledged]), '2026-11-26T10:00:00Z', rules)).toEqual([]);
    expect(drift(facts([event], [acknowledged]), '2026-11-24T15:00:00Z', rules)).toHaveLength(1);
  });
  test('an item with no escalation time is not drift', () => {
    expect(drift(facts([event], [item('ed')]), '2027-01-01T10:00:00Z', rules)).toEqual([]);
  });
});

describe('repeated-ed-attendances: 3 or more in 12 months', () => {
  const rules = rule('repeated-ed-attendances');
  const ed = (at: string, id: string) => ev('ed_attendance', at, {}, id);
  test('three within 12 months: drift since the third', () => {
    expect(drift(facts([ed('2026-01-10T20:00:00Z', 'a'), ed('2026-06-01T20:00:00Z', 'b'), ed('2026-11-20T20:00:00Z', 'c')]), '2026-11-27T12:00:00Z', rules)).toMatchObject([{ since: '2026-11-20T20:00:00.000Z', eventIds: ['a', 'b', 'c'] }]);
  });
  test('two are not drift', () => {
    expect(drift(facts([ed('2026-06-01T20:00:00Z', 'b'), ed('2026-11-20T20:00:00Z', 'c')]), '2026-11-27T12:00:00Z', rules)).toEqual([]);
  });
  test('an attendance on today’s date last year has dropped out of the 12 months; the day after has not', () => {
    const later = [ed('2026-06-01T20:00:00Z', 'b'), ed('2026-11-20T20:00:00Z', 'c')];
    expect(drift(facts([ed('2025-11-27T10:00:00Z', 'old'), ...later]), '2026-11-27T12:00:00Z', rules)).toEqual([]);
    expect(drift(facts([ed('2025-11-28T10:00:00Z', 'old'), ...later]), '2026-11-27T12:00:00Z', rules)).toHaveLength(1);
  });
  test('attendances recorded with a time after now are not counted', () => {
    expect(drift(facts([ed('2026-06-01T20:00:00Z', 'b'), ed('2026-11-20T20:00:00Z', 'c'), ed('2026-11-28T20:00:00Z', 'future')]), '2026-11-27T12:00:00Z', rules)).toEqual([]);
  });
});

describe('missed-appointment-no-follow-up: no health contact or actioned item within 10 days', () => {
  const rules = rule('missed-appointment-no-follow-up');
  const missed = ev('missed_appointment', '2026-11-10T10:00:00Z', { kind: 'was_not_brought', service: 'Physiotherapy', plannedCareType: 'physiotherapy' }, 'missed');
  test.each([
    ['2026-11-20T09:59:59Z', 0],
    ['2026-11-20T10:00:00Z', 1],
  ])('now %s: %i finding(s)', (now, count) => {
    expect(drift(facts([missed]), now, rules)).toHaveLength(count);
  });
  test('a health contact after it is a follow-up', () => {
    expect(drift(facts([missed, ev('health_contact', '2026-11-12T10:00:00Z', { kind: 'telephone', childSeen: false })]), '2026-11-27T12:00:00Z', rules)).toEqual([]);
  });
  test('an actioned worklist item for that event is a follow-up; acknowledged only, or for another event, is not', () => {
    expect(drift(facts([missed], [item('missed', { acknowledgedAt: '2026-11-11T10:00:00Z', actionedAt: '2026-11-12T10:00:00Z' })]), '2026-11-27T12:00:00Z', rules)).toEqual([]);
    expect(drift(facts([missed], [item('missed', { acknowledgedAt: '2026-11-11T10:00:00Z' })]), '2026-11-27T12:00:00Z', rules)).toHaveLength(1);
    expect(drift(facts([missed], [item('other', { acknowledgedAt: '2026-11-11T10:00:00Z', actionedAt: '2026-11-12T10:00:00Z' })]), '2026-11-27T12:00:00Z', rules)).toHaveLength(1);
  });
});

describe('all rules together', () => {
  test('findings come oldest first', () => {
    const child = facts([
      ev('missed_appointment', '2026-11-10T10:00:00Z', {}, 'missed'),
      ev('maternity_booking', '2026-10-01T10:00:00Z', { riskFactors: ['young_parent'] }, 'booking'),
    ]);
    expect(drift(child, '2026-11-27T12:00:00Z').map((f) => f.ruleId)).toEqual(['maternity-risk-no-contact', 'missed-appointment-no-follow-up']);
  });
  test('no events, no drift', () => {
    expect(drift(facts([]), '2026-11-27T12:00:00Z')).toEqual([]);
  });
});

describe('addLondonDays keeps the London wall-clock time', () => {
  test.each([
    ['2026-10-20T09:00:00.000Z', 14, '2026-11-03T10:00:00.000Z'],
    ['2026-03-20T10:00:00.000Z', 10, '2026-03-30T09:00:00.000Z'],
    ['2026-11-10T10:30:15.500Z', 10, '2026-11-20T10:30:15.500Z'],
  ])('%s + %i days = %s', (from, days, expected) => {
    expect(new Date(addLondonDays(Date.parse(from), days)).toISOString()).toBe(expected);
  });
});
