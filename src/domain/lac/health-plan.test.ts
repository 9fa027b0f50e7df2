import { describe, expect, test } from 'vitest';
import {
  carryForwardActions,
  checkSmartAction,
  checkSmartPlan,
  type HealthPlanAction,
  type HealthPlanActionDraft,
  type SmartLetter,
} from './health-plan.js';

const today = '2025-03-10';

/** A SMART action: named owner, measurable outcome, real date within 12 months, linked to a need. */
const good: HealthPlanActionDraft = {
  need: 'Low mood and nightmares; SDQ emotional score 7',
  action: 'Refer to LAC CAMHS for a trauma-focused assessment',
  ownerName: 'Priya Shah',
  ownerRole: 'LAC nurse',
  measurableOutcome: 'CAMHS assessment attended and its report shared with the carer',
  dueOn: '2025-04-30',
};

const lettersOf = (action: HealthPlanActionDraft) => checkSmartAction({ action, today }).failures.map((f) => `${f.letter}:${f.field}`);

describe('checkSmartAction: the review\'s own failure (CQC Bedford 2015 4.3, rec 1.3)', () => {
  test('"therapy to be initiated" with a timeframe of "ASAP" fails S and T, and says so in plain English', () => {
    const result = checkSmartAction({ action: { ...good, action: 'Therapy to be initiated', dueOn: 'ASAP' }, today });
    expect(result.smart).toBe(false);
    expect(result.failures.map((f) => f.letter)).toEqual(['S', 'T']);
    expect(result.failures[0]?.message).toContain('Action "Therapy to be initiated" is not specific (S)');
    expect(result.failures[0]?.message).toContain('to be initiated');
    expect(result.failures[1]?.message).toContain('is not time-bound (T)');
    expect(result.failures[1]?.message).toContain('"ASAP" is not a date');
  });

  test('a SMART action passes', () => {
    expect(checkSmartAction({ action: good, today })).toEqual({ smart: true, failures: [] });
  });
});

describe('checkSmartAction: each letter', () => {
  test.each<[string, Partial<HealthPlanActionDraft>, string[]]>([
    // S — specific
    ['S: an empty action', { action: '' }, ['S:action']],
    ['S: "to be considered"', { action: 'Referral to physiotherapy to be considered' }, ['S:action']],
    ['S: "as needed"', { action: 'Carer to take her to the GP as needed' }, ['S:action']],
    ['S: "monitor" alone', { action: 'Monitor' }, ['S:action']],
    ['S: "continue to monitor"', { action: 'Continue to monitor' }, ['S:action']],
    ['S: fewer than 3 words', { action: 'Dental check' }, ['S:action']],
    ['S and T: "ongoing" is neither specific nor a timescale', { action: 'Ongoing support from carer' }, ['S:action', 'T:action']],
    // M — measurable
    ['M: no outcome', { measurableOutcome: '' }, ['M:measurableOutcome']],
    ['M: "improve" alone', { measurableOutcome: 'Improve' }, ['M:measurableOutcome']],
    ['M: "better" alone', { measurableOutcome: 'better' }, ['M:measurableOutcome']],
    ['M: only vague words', { measurableOutcome: 'Health will improve' }, ['M:measurableOutcome']],
    // A — a named person
    ['A: no owner', { ownerName: '' }, ['A:ownerName']],
    ['A: a role, not a person ("social worker")', { ownerName: 'Social worker' }, ['A:ownerName']],
    ['A: a service, not a person ("CAMHS")', { ownerName: 'CAMHS' }, ['A:ownerName']],
    ['A and T: "tbc"', { ownerName: 'tbc' }, ['A:ownerName', 'T:ownerName']],
    ['A: no owner role', { ownerRole: '' }, ['A:ownerRole']],
    // R — relevant to a need
    ['R: no identified need', { need: '' }, ['R:need']],
    ['R: "n/a" is not a need', { need: 'N/A' }, ['R:need']],
    // T — time-bound
    ['T: no due date', { dueOn: null }, ['T:dueOn']],
    ['T: "ASAP"', { dueOn: 'ASAP' }, ['T:dueOn']],
    ['T: not a real date', { dueOn: '2025-02-30' }, ['T:dueOn']],
    ['T: due today is not after today', { dueOn: today }, ['T:dueOn']],
    ['T: due in the past', { dueOn: '2025-01-01' }, ['T:dueOn']],
    ['T: more than 12 months away', { dueOn: '2026-03-11' }, ['T:dueOn']],
    ['T: "as soon as possible" in the outcome', { measurableOutcome: 'Seen by optician as soon as possible' }, ['T:measurableOutcome']],
  ])('%s', (_, change, expected) => {
    expect(lettersOf({ ...good, ...change })).toEqual(expected);
  });

  test('exactly 12 months ahead is allowed', () => {
    expect(checkSmartAction({ action: { ...good, dueOn: '2026-03-10' }, today }).smart).toBe(true);
  });

  test('every message names the action and the letter', () => {
    const { failures } = checkSmartAction({ action: { need: '', action: 'Monitor', ownerName: 'GP', ownerRole: '', measurableOutcome: 'better', dueOn: 'tbc' }, today });
    const letters: SmartLetter[] = ['S', 'M', 'A', 'A', 'R', 'T'];
    expect(failures.map((f) => f.letter)).toEqual(letters);
    for (const failure of failures) expect(failure.message).toMatch(new RegExp(`^Action "Monitor" is not .* \\(${failure.letter}\\): `));
  });
});

describe('checkSmartPlan: a plan is SMART only when every action is', () => {
  test.each<[string, HealthPlanActionDraft[], boolean, boolean[]]>([
    ['two SMART actions', [good, { ...good, action: 'Book a dental check-up with Smile Dental', dueOn: '2025-05-01' }], true, [true, true]],
    ['one failing action fails the plan', [good, { ...good, action: 'Therapy to be initiated', dueOn: 'ASAP' }], false, [true, false]],
    ['an empty plan has nothing to fail', [], true, []],
  ])('%s', (_, actions, smart, perAction) => {
    const result = checkSmartPlan({ actions, today });
    expect(result.smart).toBe(smart);
    expect(result.actions.map((a) => a.smart)).toEqual(perAction);
  });
});

describe('carryForwardActions: unmet and open actions move to the next plan with their history (CQC 4.4)', () => {
  const previous = (over: Partial<HealthPlanAction> & { id: string }): HealthPlanAction => ({
    ...good,
    status: 'open',
    history: [{ on: '2024-09-01', event: 'created' }],
    ...over,
  });
  const newPlanOn = '2025-03-10';

  test.each<[string, HealthPlanAction, { carried: boolean; dueOn?: string | null; note?: string }]>([
    ['an unmet action is carried forward and needs a new date', previous({ id: 'a1', status: 'unmet', dueOn: '2025-01-31' }), { carried: true, dueOn: null, note: 'not met (was due 2025-01-31)' }],
    ['an open overdue action is carried forward and needs a new date', previous({ id: 'a2', status: 'open', dueOn: '2025-02-28' }), { carried: true, dueOn: null, note: 'overdue' }],
    ['an open action not yet due keeps its date', previous({ id: 'a3', status: 'open', dueOn: '2025-06-30' }), { carried: true, dueOn: '2025-06-30', note: 'still open' }],
    ['an open action dated "ASAP" is carried and needs a real date', previous({ id: 'a4', status: 'open', dueOn: 'ASAP' }), { carried: true, dueOn: null, note: 'overdue' }],
    ['a met action stays behind', previous({ id: 'a5', status: 'met' }), { carried: false }],
    ['an action already carried forward is not carried twice', previous({ id: 'a6', status: 'carried_forward' }), { carried: false }],
  ])('%s', (_, action, expected) => {
    const result = carryForwardActions({ previousActions: [action], newPlanOn });
    expect(result.carried.length === 1).toBe(expected.carried);
    if (!expected.carried) {
      expect(result.carriedFromIds).toEqual([]);
      return;
    }
    const carried = result.carried[0];
    expect(carried).toMatchObject({ status: 'open', carriedFromActionId: action.id, dueOn: expected.dueOn, action: action.action, ownerName: action.ownerName });
    expect(carried?.history.slice(0, -1)).toEqual(action.history);
    expect(carried?.history.at(-1)).toMatchObject({ on: newPlanOn, event: 'carried_forward', fromActionId: action.id });
    expect(carried?.history.at(-1)?.note).toContain(expected.note ?? '');
    expect(result.carriedFromIds).toEqual([action.id]);
  });

  test('a carried action that lost its date is not SMART until re-dated', () => {
    const { carried } = carryForwardActions({ previousActions: [previous({ id: 'a1', status: 'unmet', dueOn: '2025-01-31' })], newPlanOn });
    const [action] = carried;
    if (action === undefined) throw new Error('expected a carried action');
    expect(checkSmartAction({ action, today: newPlanOn }).failures.map((f) => f.letter)).toEqual(['T']);
    expect(checkSmartAction({ action: { ...action, dueOn: '2025-05-01' }, today: newPlanOn }).smart).toBe(true);
  });
});
