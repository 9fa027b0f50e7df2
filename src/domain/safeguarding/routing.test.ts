import { describe, expect, test } from 'vitest';
import { EVENT_TYPES } from './event-types.js';
import { ROUTING_RULES, type ChildStatus } from './routing-rules.js';
import { routeEvent, type RoutingContext } from './routing.js';

const child = (overrides: Partial<RoutingContext> & { status?: ChildStatus[] } = {}): RoutingContext => ({
  ageYears: 6,
  isUnborn: false,
  statuses: new Set(overrides.status ?? []),
  priorMissedAppointments: 0,
  ...overrides,
});
const ed = (details: Record<string, unknown> = {}) => ({ type: 'ed_attendance' as const, details: { safeguardingConcern: false, ...details } });
const targets = (decisions: ReturnType<typeof routeEvent>) => Object.fromEntries(decisions.map((d) => [d.target, d]));

describe('routing rules are well-formed versioned data', () => {
  test('ids are unique, every rule has a source, a reason, targets and a positive acknowledgement time', () => {
    expect(new Set(ROUTING_RULES.map((r) => r.id)).size).toBe(ROUTING_RULES.length);
    for (const rule of ROUTING_RULES) {
      expect(rule.source, rule.id).toMatch(/\S/);
      expect(rule.description, rule.id).toMatch(/\S/);
      expect(rule.to.length, rule.id).toBeGreaterThan(0);
      expect(rule.acknowledgeWithinWorkingHours, rule.id).toBeGreaterThan(0);
      for (const type of rule.eventTypes) expect(EVENT_TYPES).toContain(type);
    }
  });
});

describe('ED attendance (review 1.17, 1.23, 5.2.7)', () => {
  test('ed-attendance-liaison-check + ed-attendance-copy: every under-18 goes to the liaison nurse, a copy to 0-19 and GP', () => {
    const t = targets(routeEvent(ed(), child()));
    expect(t.paediatric_liaison).toMatchObject({ ruleId: 'ed-attendance-liaison-check', action: 'check', priority: 'routine' });
    expect(t.zero_to_nineteen).toMatchObject({ ruleId: 'ed-attendance-copy', action: 'copy' });
    expect(t.gp).toMatchObject({ ruleId: 'ed-attendance-copy', action: 'copy' });
    expect(Object.keys(t).sort()).toEqual(['gp', 'paediatric_liaison', 'zero_to_nineteen']);
  });

  test('an 18-year-old is not routed (the rules are for children)', () => {
    expect(routeEvent(ed(), child({ ageYears: 18 }))).toEqual([]);
    expect(routeEvent(ed(), child({ ageYears: 17 }))).not.toEqual([]);
  });

  test('ed-attendance-concern-urgent: a safeguarding concern makes the 0-19 item one urgent follow-up, not two items', () => {
    const decisions = routeEvent(ed({ safeguardingConcern: true }), child());
    const hv = decisions.filter((d) => d.target === 'zero_to_nineteen');
    expect(hv).toHaveLength(1);
    expect(hv[0]).toMatchObject({ ruleId: 'ed-attendance-concern-urgent', action: 'follow_up', priority: 'urgent', acknowledgeWithinWorkingHours: 4 });
    expect(hv[0]!.ruleIds).toEqual(['ed-attendance-concern-urgent', 'ed-attendance-copy']);
  });

  test('ed-attendance-protected-child: a child on a CP plan or looked after → urgent follow-up by 0-19', () => {
    for (const status of ['child_protection', 'looked_after'] as const) {
      expect(targets(routeEvent(ed(), child({ status: [status] }))).zero_to_nineteen).toMatchObject({ ruleId: 'ed-attendance-protected-child', priority: 'urgent' });
    }
    expect(targets(routeEvent(ed(), child({ status: ['child_in_need'] }))).zero_to_nineteen).toMatchObject({ ruleId: 'ed-attendance-copy', priority: 'routine' });
  });

  test('ed-attendance-looked-after: a looked-after child’s attendance or admission goes to the LAC health team', () => {
    expect(targets(routeEvent(ed(), child({ status: ['looked_after'] }))).lac_nurse).toMatchObject({ ruleId: 'ed-attendance-looked-after' });
    expect(targets(routeEvent({ type: 'admission', details: {} }, child({ status: ['looked_after'] }))).lac_nurse).toBeDefined();
    expect(targets(routeEvent(ed(), child())).lac_nurse).toBeUndefined();
  });

  test('admission-copy: an admission goes to the liaison nurse, 0-19 and GP', () => {
    expect(Object.keys(targets(routeEvent({ type: 'admission', details: {} }, child()))).sort()).toEqual(['gp', 'paediatric_liaison', 'zero_to_nineteen']);
  });
});

describe('missed appointments (rec 1.1; domain rules §10)', () => {
  const missed = { type: 'missed_appointment' as const, details: { kind: 'was_not_brought' } };
  test('missed-appointment-protected-child: CP plan or looked after → 0-19 and GP immediately, urgent', () => {
    const t = targets(routeEvent(missed, child({ status: ['child_protection'] })));
    expect(t.zero_to_nineteen).toMatchObject({ ruleId: 'missed-appointment-protected-child', priority: 'urgent', acknowledgeWithinWorkingHours: 4 });
    expect(t.gp).toBeDefined();
  });
  test('missed-appointment-protected-child-lac: a looked-after child’s miss also goes to the LAC health team', () => {
    expect(targets(routeEvent(missed, child({ status: ['looked_after'] }))).lac_nurse).toMatchObject({ ruleId: 'missed-appointment-protected-child-lac' });
  });
  test('missed-appointment-second: otherwise nothing on the first miss, a follow-up on the second in 12 months', () => {
    expect(routeEvent(missed, child({ priorMissedAppointments: 0 }))).toEqual([]);
    expect(targets(routeEvent(missed, child({ priorMissedAppointments: 1 }))).zero_to_nineteen).toMatchObject({ ruleId: 'missed-appointment-second', priority: 'routine' });
    expect(targets(routeEvent(missed, child({ status: ['child_in_need'], priorMissedAppointments: 3 }))).zero_to_nineteen).toBeDefined();
  });
});

describe('domestic abuse and MARAC (review 1.16)', () => {
  test('police-dv-household: HV/SN, midwife and GP, urgent', () => {
    const t = targets(routeEvent({ type: 'police_dv_notification', details: {} }, child({ isUnborn: true, ageYears: null })));
    expect(Object.keys(t).sort()).toEqual(['gp', 'midwife', 'zero_to_nineteen']);
    expect(t.midwife).toMatchObject({ ruleId: 'police-dv-household', priority: 'urgent' });
  });
  test('marac-household: referral and outcome both routed', () => {
    for (const type of ['marac_referral', 'marac_outcome'] as const) expect(targets(routeEvent({ type, details: {} }, child())).zero_to_nineteen).toMatchObject({ ruleId: 'marac-household' });
  });
});

describe('MASH, strategy discussions and plans (recs 2.8, 3.8)', () => {
  test('mash-referral: to MASH health, urgent check', () => {
    expect(routeEvent({ type: 'mash_referral', details: { mode: 'verbal' } }, child())).toEqual([expect.objectContaining({ target: 'mash_health', ruleId: 'mash-referral', action: 'check', priority: 'urgent' })]);
  });
  test('mash-decision-copy and strategy-discussion: copies to 0-19 and GP', () => {
    expect(Object.keys(targets(routeEvent({ type: 'mash_decision', details: {} }, child()))).sort()).toEqual(['gp', 'zero_to_nineteen']);
    expect(targets(routeEvent({ type: 'strategy_discussion', details: {} }, child())).gp).toMatchObject({ ruleId: 'strategy-discussion', priority: 'urgent' });
  });
  test('cp-plan-every-service: a plan goes to every health service to file; no plan → no routing', () => {
    const t = targets(routeEvent({ type: 'cp_conference', details: { outcome: 'plan_made' } }, child()));
    expect(Object.keys(t).sort()).toEqual(['camhs', 'gp', 'lac_nurse', 'midwife', 'zero_to_nineteen']);
    expect(t.camhs).toMatchObject({ action: 'file_plan' });
    expect(routeEvent({ type: 'cp_conference', details: { outcome: 'no_plan' } }, child())).toEqual([]);
  });
  test('cin-plan-every-service: 0-19, GP and CAMHS', () => {
    expect(Object.keys(targets(routeEvent({ type: 'cin_plan_received', details: {} }, child()))).sort()).toEqual(['camhs', 'gp', 'zero_to_nineteen']);
  });
});

describe('maternity, births, CAMHS and placements', () => {
  test('maternity-booking-risk: only a booking with a risk identified (review 1.5)', () => {
    expect(routeEvent({ type: 'maternity_booking', details: { riskFactors: [] } }, child({ isUnborn: true, ageYears: null }))).toEqual([]);
    expect(targets(routeEvent({ type: 'maternity_booking', details: { riskFactors: ['domestic_abuse'] } }, child({ isUnborn: true, ageYears: null }))).zero_to_nineteen).toMatchObject({ ruleId: 'maternity-booking-risk' });
  });
  test('new-birth: health visitor and GP', () => {
    expect(Object.keys(targets(routeEvent({ type: 'new_birth_notification', details: {} }, child({ ageYears: 0 })))).sort()).toEqual(['gp', 'zero_to_nineteen']);
  });
  test('camhs-progress-lac: to the LAC team only for a looked-after child (rec 3.9)', () => {
    expect(routeEvent({ type: 'camhs_progress_report', details: {} }, child())).toEqual([]);
    expect(targets(routeEvent({ type: 'camhs_progress_report', details: {} }, child({ status: ['looked_after'] }))).lac_nurse).toMatchObject({ ruleId: 'camhs-progress-lac' });
  });
  test('placement-change-lac: LAC team and GP', () => {
    expect(Object.keys(targets(routeEvent({ type: 'placement_change', details: {} }, child({ status: ['looked_after'] })))).sort()).toEqual(['gp', 'lac_nurse']);
  });
  test('routine health contacts and significant events are recorded but not routed', () => {
    expect(routeEvent({ type: 'health_contact', details: {} }, child({ status: ['child_protection'] }))).toEqual([]);
    expect(routeEvent({ type: 'significant_event', details: {} }, child())).toEqual([]);
  });
});
