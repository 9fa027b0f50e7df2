import { describe, expect, test } from 'vitest';
import { englandAndWalesBankHolidays } from '../../../domain/calendar/bank-holidays.js';
import { assessStep, camhsProgressDueAt, conferenceReportsDueAt, mashDecisionDueAt, outcomeAcknowledgementDueAt, planReceivedDueAt, writtenConfirmationDueAt } from './loops.models.js';

// 2026: Good Friday 3 April, Easter Monday 6 April (domain-rules §5). BST from 29 March.
const bankHolidays = englandAndWalesBankHolidays({ fromYear: 2025, toYear: 2027 });
const at = (iso: string) => new Date(iso);

describe('MASH referral timers (domain-rules §11)', () => {
  test.each([
    ['a Friday-afternoon verbal referral needs written confirmation by Sunday afternoon: 48 clock hours run across the weekend', '2026-11-20T15:00:00Z', '2026-11-22T15:00:00.000Z'],
    ['a Thursday referral before Good Friday: 48 hours still end on the bank holiday weekend', '2026-04-02T14:00:00Z', '2026-04-04T14:00:00.000Z'],
  ])('%s', (_, referredAt, expected) => {
    expect(writtenConfirmationDueAt({ referredAt: at(referredAt), bankHolidays }).toISOString()).toBe(expected);
  });

  test.each([
    ['a Friday referral is decided by 17:00 on Monday (GMT)', '2026-11-20T15:00:00Z', '2026-11-23T17:00:00.000Z'],
    ['a Thursday referral before Easter is decided by 17:00 BST on the Tuesday after Easter Monday (Good Friday and Easter Monday are not working days)', '2026-04-02T14:00:00Z', '2026-04-07T16:00:00.000Z'],
    ['a referral made on Good Friday is due by the end of the first working day after it: Tuesday 7 April (§5)', '2026-04-03T10:00:00Z', '2026-04-07T16:00:00.000Z'],
    ['a referral at 23:30 London on a Monday in BST is a Monday referral (London date, not UTC)', '2026-06-01T22:30:00Z', '2026-06-02T16:00:00.000Z'],
  ])('%s', (_, referredAt, expected) => {
    expect(mashDecisionDueAt({ referredAt: at(referredAt), bankHolidays }).toISOString()).toBe(expected);
  });

  test('the referrer acknowledges the outcome by 17:00 on the next working day after the decision', () => {
    expect(outcomeAcknowledgementDueAt({ decidedAt: at('2026-12-24T11:00:00Z'), bankHolidays }).toISOString()).toBe('2026-12-29T17:00:00.000Z');
  });
});

describe('conference timers (domain-rules §11 "Reports to ICPC")', () => {
  test('reports to an initial conference on Monday 10:00 are due 48 hours before, on Saturday 10:00', () => {
    expect(conferenceReportsDueAt({ conferenceAt: at('2026-12-07T10:00:00Z'), kind: 'initial', bankHolidays }).toISOString()).toBe('2026-12-05T10:00:00.000Z');
  });
  test('reports to a review conference on Tuesday 7 April 2026 are due by the end of Tuesday 31 March: three working days back, skipping Easter', () => {
    expect(conferenceReportsDueAt({ conferenceAt: at('2026-04-07T09:00:00Z'), kind: 'review', bankHolidays }).toISOString()).toBe('2026-03-31T23:00:00.000Z');
  });
  test('the plan is expected by 17:00 on the next working day after the conference (Thursday before Easter → Tuesday)', () => {
    expect(planReceivedDueAt({ conferenceAt: at('2026-04-02T09:00:00Z'), bankHolidays }).toISOString()).toBe('2026-04-07T16:00:00.000Z');
  });
  test('a CAMHS progress report is due by 17:00 London on its due date', () => {
    expect(camhsProgressDueAt({ dueOn: '2026-07-01' }).toISOString()).toBe('2026-07-01T16:00:00.000Z');
    expect(camhsProgressDueAt({ dueOn: '2026-12-01' }).toISOString()).toBe('2026-12-01T17:00:00.000Z');
  });
});

describe('assessStep: expected, received, acknowledged; overdue and escalated', () => {
  const expectedBy = at('2026-11-23T17:00:00Z');
  const base = { expectedBy, needsAcknowledgement: false, receivedAt: null, acknowledgedAt: null, escalatedAt: null };
  test.each([
    ['not received, before its time: expected, not overdue', base, '2026-11-23T16:59:59Z', { state: 'expected', complete: false, overdue: false, escalated: false }],
    ['not received, after its time: overdue and shown escalated before the sweep stamps it', base, '2026-11-23T17:00:01Z', { state: 'expected', complete: false, overdue: true, escalated: true }],
    ['received late: complete, no longer overdue', { ...base, receivedAt: at('2026-11-24T09:00:00Z'), escalatedAt: at('2026-11-23T18:00:00Z') }, '2026-11-25T09:00:00Z', { state: 'received', complete: true, overdue: false, escalated: false }],
    ['sent but not acknowledged where acknowledgement is needed: overdue', { ...base, needsAcknowledgement: true, receivedAt: at('2026-11-23T10:00:00Z') }, '2026-11-24T09:00:00Z', { state: 'received', complete: false, overdue: true, escalated: true }],
    ['acknowledged: complete', { ...base, needsAcknowledgement: true, receivedAt: at('2026-11-23T10:00:00Z'), acknowledgedAt: at('2026-11-23T11:00:00Z') }, '2026-11-24T09:00:00Z', { state: 'acknowledged', complete: true, overdue: false, escalated: false }],
  ])('%s', (_, step, now, expected) => {
    expect(assessStep({ step, now: at(now) })).toEqual(expected);
  });
});
