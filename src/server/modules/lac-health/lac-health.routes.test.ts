import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../app.js';
import type { DatabaseHandle } from '../../db/database.js';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb } from '../../test/test-db.js';
import { seedFixture, signIn, type SignedIn } from '../../test/fixtures.js';

let handle: DatabaseHandle;
let app: FastifyInstance;
let fx: Awaited<ReturnType<typeof seedFixture>>;
const as: Record<string, SignedIn> = {};
let newcomer: string;

async function addChild({ la, dob, given, family }: { la: string; dob: string; given: string; family: string }) {
  const id = randomUUID();
  await handle.db.insertInto('children').values({ id, nhs_number: null, la_child_id: la, given_name: given, family_name: family, date_of_birth: dob, expected_due_on: null, is_unborn: false, born_as_child_id: null, unborn_record_id: null, mother_person_id: null, ethnicity: null, registered_practice_id: fx.organisations.practiceA, school_id: null, responsible_la_id: fx.organisations.la, placement_area: null }).execute();
  return id;
}
async function addEpisode(childId: string, e: { startedOn: string; endedOn?: string; rne?: string; rec?: string; ls?: string }) {
  await handle.db.insertInto('status_episodes').values({ child_id: childId, id: randomUUID(), kind: 'looked_after', started_on: e.startedOn, ended_on: e.endedOn ?? null, cp_category: null, legal_status: e.ls ?? 'C2', placement_type: 'U4', placement_provider: 'PR1', placement_in_area: true, source: 'test', recorded_by: null, reason_new_episode: e.rne ?? 'S', reason_ceased: e.rec ?? null }).execute();
}
async function addActivity(childId: string, activity: string, on: string, result: string | null) {
  await handle.db.insertInto('health_activities').values({ child_id: childId, id: randomUUID(), activity, activity_on: on, result, source: 'test', source_key: null, recorded_by: null }).execute();
}

beforeAll(async () => {
  handle = await createTestDb();
  fx = await seedFixture(handle.db);
  app = await buildApp({ db: handle.db, clock: fixedClock('2026-11-27T12:00:00Z') });
  for (const name of ['lac', 'hv', 'commissioner', 'designated']) as[name] = await signIn(app, name);
  // Entered care on Monday 2 November 2026: the IHA is due on the 20th working day, Monday 30 November.
  newcomer = await addChild({ la: 'LA-NEW-1', dob: '2023-03-14', given: 'Wilfred', family: 'Nettlecombe' });
  await addEpisode(newcomer, { startedOn: '2026-11-02' });
}, 60_000);
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: as[who]!.headers });
const post = (who: string, url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: as[who]!.headers, payload: payload as object });
const itemFor = (body: { items: { childId: string }[] }, childId: string) => body.items.find((i) => i.childId === childId) as Record<string, unknown> | undefined;

describe('LAC worklist: statutory clocks', () => {
  test('an IHA is due on the 20th working day after entering care (day 0 = the day care began)', async () => {
    const response = await get('lac', '/api/v1/lac/worklist');
    expect(response.statusCode).toBe(200);
    expect(itemFor(response.json(), newcomer)).toMatchObject({ type: 'IHA', due: '2026-11-30', status: 'due', laChildId: 'LA-NEW-1', periodOfCareStartedOn: '2026-11-02' });
  });

  test('the day after the due date it is overdue by one working day', async () => {
    const response = await get('lac', '/api/v1/lac/worklist?asOf=2026-12-01');
    expect(itemFor(response.json(), newcomer)).toMatchObject({ status: 'overdue', workingDaysOverdue: 1 });
  });

  test('a child looked after since February 2024 with no assessment is overdue, and first in the list', async () => {
    const body = (await get('lac', '/api/v1/lac/worklist')).json();
    expect(body.items[0]).toMatchObject({ childId: fx.children.cressida, type: 'IHA', status: 'overdue' });
    expect(body.counts.overdue).toBeGreaterThanOrEqual(1);
  });

  test('after the IHA the RHA is due 6 months later for a child under 5', async () => {
    const child = await addChild({ la: 'LA-NEW-2', dob: '2023-01-01', given: 'Hester', family: 'Brambleigh' });
    await addEpisode(child, { startedOn: '2026-06-01' });
    await addActivity(child, 'health_assessment', '2026-06-20', 'IHA');
    expect(itemFor((await get('lac', '/api/v1/lac/worklist')).json(), child)).toMatchObject({ type: 'RHA', due: '2026-12-20', status: 'due' });
  });

  test('and 12 months later for a child of 5 or over', async () => {
    const child = await addChild({ la: 'LA-NEW-3', dob: '2015-01-01', given: 'Ambrose', family: 'Fernhallow' });
    await addEpisode(child, { startedOn: '2025-06-01' });
    await addActivity(child, 'health_assessment', '2025-06-20', 'IHA');
    await addActivity(child, 'health_assessment', '2026-06-10', 'RHA');
    expect(itemFor((await get('lac', '/api/v1/lac/worklist')).json(), child)).toMatchObject({ type: 'RHA', due: '2027-06-10', status: 'due' });
  });

  test('booking the IHA makes it "booked", requests contributions, and a breach reason can be recorded', async () => {
    const booked = await post('lac', `/api/v1/children/${newcomer}/health-assessments`, { kind: 'IHA', bookedAt: '2026-11-28T10:00:00+00:00', location: 'Saturday clinic, Testborough Health Centre' });
    expect(booked.statusCode).toBe(201);
    const item = itemFor((await get('lac', '/api/v1/lac/worklist')).json(), newcomer)!;
    expect(item).toMatchObject({ status: 'booked', assessmentId: booked.json().assessmentId });
    expect((item.contributions as { contributor: string }[]).map((c) => c.contributor).sort()).toEqual(['carer_sdq', 'gp', 'school']);
    const { assessmentId } = booked.json();
    expect((await post('lac', `/api/v1/children/${newcomer}/health-assessments/${assessmentId}/contributions`, { contributor: 'gp', receivedOn: '2026-11-26', summary: 'GP summary received' })).statusCode).toBe(204);
    expect((await post('lac', `/api/v1/children/${newcomer}/health-assessments/${assessmentId}/breach-reason`, { breachReason: 'Paperwork from social care arrived on day 12' })).statusCode).toBe(204);
    const after = itemFor((await get('lac', '/api/v1/lac/worklist')).json(), newcomer)!;
    expect(after.breachReason).toBe('Paperwork from social care arrived on day 12');
    expect((after.contributions as { contributor: string; receivedOn: string | null }[]).find((c) => c.contributor === 'gp')!.receivedOn).toBe('2026-11-26');
  });

  test('an out-of-area assessment needs the host area, and tracks its request', async () => {
    const missing = await post('lac', `/api/v1/children/${fx.children.cressida}/health-assessments`, { kind: 'IHA', outOfArea: true });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fieldErrors.hostArea).toBeDefined();
    const ok = await post('lac', `/api/v1/children/${fx.children.cressida}/health-assessments`, { kind: 'IHA', outOfArea: true, hostArea: 'Wrenmere LAC health team' });
    expect(ok.statusCode).toBe(201);
    const second = await post('lac', `/api/v1/children/${fx.children.cressida}/health-assessments`, { kind: 'IHA' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('health_assessments.already_open');
    const row = await handle.db.selectFrom('health_assessments').selectAll().where('id', '=', ok.json().assessmentId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ out_of_area: true, host_area: 'Wrenmere LAC health team', host_requested_on: '2026-11-27' });
  });

  test('a health visitor cannot see the LAC worklist (403); a child not looked after cannot be booked (409)', async () => {
    expect((await get('hv', '/api/v1/lac/worklist')).statusCode).toBe(403);
    const notLac = await post('designated', `/api/v1/children/${fx.children.barnaby}/health-assessments`, { kind: 'IHA' });
    expect(notLac.statusCode).toBe(409);
    expect(notLac.json().error.code).toBe('health_assessments.not_looked_after');
  });

  test('the exceptions list shows overdue and declined assessments', async () => {
    const body = (await get('lac', '/api/v1/lac/exceptions')).json();
    expect(body.exceptions.find((e: { childId: string }) => e.childId === fx.children.cressida)).toMatchObject({ reason: 'overdue' });
  });
});

describe('SDQ', () => {
  test('item responses are scored (reverse items, prorating) and banded', async () => {
    // Every item "Somewhat true" (1): each problem scale 5, total 20 → concern; prosocial 5.
    const response = await post('lac', `/api/v1/children/${fx.children.cressida}/sdq`, { completedOn: '2026-10-01', responses: Array(25).fill(1) });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ emotional: 5, conduct: 5, hyperactivity: 5, peer: 5, prosocial: 5, totalDifficulties: 20, band: 'concern' });
  });
  test('a total alone is banded; a total over 40 names the field', async () => {
    expect((await post('lac', `/api/v1/children/${fx.children.cressida}/sdq`, { completedOn: '2026-10-02', totalOnly: 14 })).json()).toMatchObject({ totalDifficulties: 14, band: 'borderline' });
    const bad = await post('lac', `/api/v1/children/${fx.children.cressida}/sdq`, { completedOn: '2026-10-02', totalOnly: 41 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fieldErrors.totalOnly).toBeDefined();
  });
});

describe('OC2', () => {
  test('counts the children looked after continuously for the year, with their checks', async () => {
    const child = await addChild({ la: 'LA-OC2-1', dob: '2014-05-05', given: 'Perpetua', family: 'Ashcombe' });
    await addEpisode(child, { startedOn: '2024-01-10' });
    await addActivity(child, 'dental_check', '2025-09-01', null);
    await addActivity(child, 'health_assessment', '2025-07-01', 'RHA');
    await addActivity(child, 'immunisation_status', '2026-01-01', 'up_to_date');
    await addActivity(child, 'sdq', '2025-12-01', '12');
    const leaver = await addChild({ la: 'LA-OC2-2', dob: '2012-05-05', given: 'Cuthbert', family: 'Ashcombe' });
    await addEpisode(leaver, { startedOn: '2024-01-10', endedOn: '2025-10-01', rec: 'E4A' });
    const response = await get('commissioner', '/api/v1/lac/oc2?yearEnding=2026-03-31');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    // Cressida (looked after since Feb 2024) and Perpetua are in the cohort; Cuthbert left care in the year.
    expect(body.cohort).toBe(2);
    expect(body.dentalChecks).toEqual({ count: 1, percent: 50 });
    expect(body.healthAssessments).toEqual({ count: 1, percent: 50 });
    expect(body.sdq).toMatchObject({ eligible: 2, returned: 1, averageScore: 12 });
    expect(body.trend).toHaveLength(3);
    const csv = await get('commissioner', '/api/v1/lac/oc2.csv?yearEnding=2026-03-31');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split(/\r?\n/)[0]).toBe('CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED');
    expect(csv.body).toContain('LA-OC2-1,05/05/2014,12,');
  });
});

import { formFields, visibleFieldIds, type FormDefinition } from '../../../domain/forms/form-definition.js';
import { latestForm } from '../../../domain/forms/registry.js';
import { QA_CHECKLIST } from '../../../domain/lac/qa-checklist.js';

/** Answers every visible field of a form with a valid value, as a practitioner would. */
function completeAnswers(form: FormDefinition, ageYears: number): Record<string, string | string[]> {
  const answers: Record<string, string | string[]> = {};
  for (let pass = 0; pass < 5; pass += 1) {
    const visible = visibleFieldIds({ form, answers, context: { ageYears } });
    for (const { field } of formFields(form)) {
      if (!visible.has(field.id) || answers[field.id] !== undefined) continue;
      if (field.type === 'yesNo') answers[field.id] = 'no';
      else if (field.type === 'radios') answers[field.id] = field.options[0]!.value;
      else if (field.type === 'checkboxes') answers[field.id] = [field.options[0]!.value];
      else if (field.type === 'date') answers[field.id] = '2026-11-01';
      else answers[field.id] = 'I like living with my carers and I want to keep seeing my brother every week';
    }
  }
  return answers;
}

describe('completing an assessment on its versioned form', () => {
  test('a form missing the voice of the child is refused, naming the field; a complete one is stored with its form version', async () => {
    const child = await addChild({ la: 'LA-FORM-1', dob: '2012-02-02', given: 'Isolde', family: 'Pennywhistle' });
    await addEpisode(child, { startedOn: '2025-01-06' });
    await addActivity(child, 'health_assessment', '2025-01-20', 'IHA');
    const { assessmentId } = (await post('lac', `/api/v1/children/${child}/health-assessments`, { kind: 'RHA' })).json();
    const form = latestForm('review-health-assessment')!;
    const answers = completeAnswers(form, 14);
    const withoutVoice = { ...answers, voiceOfChildInOwnWords: '' };
    const refused = await post('lac', `/api/v1/children/${child}/health-assessments/${assessmentId}/complete`, { completedOn: '2026-11-20', answers: withoutVoice, breachReason: 'Young person asked to rearrange twice' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fieldErrors['answers.voiceOfChildInOwnWords']).toBeDefined();
    const beforeBirth = await post('lac', `/api/v1/children/${child}/health-assessments/${assessmentId}/complete`, { completedOn: '1990-01-01', answers, breachReason: 'x' });
    expect(beforeBirth.statusCode).toBe(400); // found by the property tests: was a 500
    expect(beforeBirth.json().error.fieldErrors.completedOn[0]).toMatch(/date of birth/);
    const lateNoReason = await post('lac', `/api/v1/children/${child}/health-assessments/${assessmentId}/complete`, { completedOn: '2026-11-20', answers });
    expect(lateNoReason.json().error.fieldErrors.breachReason).toBeDefined();
    const ok = await post('lac', `/api/v1/children/${child}/health-assessments/${assessmentId}/complete`, { completedOn: '2026-11-20', answers, breachReason: 'Young person asked to rearrange twice' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ formId: 'review-health-assessment', formVersion: 1, voiceOfChild: { complete: true } });
    // The RHA now counts: the next one is due 12 months on (age 14).
    const health = (await get('lac', `/api/v1/children/${child}/lac-health`)).json();
    expect(health.next).toMatchObject({ type: 'RHA', due: '2027-11-20', status: 'due' });
    // What the assessment found counts as health activity (OC2, passport).
    const found = await handle.db.selectFrom('health_activities').select(['activity', 'result']).where('child_id', '=', child).execute();
    expect(found).toEqual(expect.arrayContaining([{ activity: 'immunisation_status', result: answers.immunisationsUpToDate === 'yes' ? 'up_to_date' : 'not_up_to_date' }]));
    expect(health.assessments[0]).toMatchObject({ status: 'completed', breachReason: 'Young person asked to rearrange twice' });

    // QA of the completed assessment, then the per-practitioner summary.
    const qaAnswers = Object.fromEntries(QA_CHECKLIST.items.map((item, i) => [item.id, i === 0 ? 'not_met' : 'met']));
    const qa = await post('lac', `/api/v1/children/${child}/qa-reviews`, { assessmentId, answers: qaAnswers });
    expect(qa.statusCode).toBe(201);
    expect(qa.json().score).toBe(qa.json().maxScore - QA_CHECKLIST.items[0]!.weight);
    const summary = (await get('lac', '/api/v1/lac/qa-summary')).json();
    expect(summary.byPractitioner[0]).toMatchObject({ key: 'Test lac', reviews: 1 });
    expect(summary.voiceOfChild).toEqual({ assessments: 1, complete: 1, percent: 100 });
    const incomplete = await post('lac', `/api/v1/children/${child}/qa-reviews`, { assessmentId, answers: { voice_of_child: 'met' } });
    expect(incomplete.statusCode).toBe(400);
  });
});

describe('health plans', () => {
  const smart = { need: 'Low mood after placement move', action: 'Refer to LAC CAMHS for assessment and weekly therapy sessions', ownerName: 'Marigold Hensworth', ownerRole: 'LAC nurse', measurableOutcome: 'CAMHS assessment completed and therapy started, SDQ re-scored', dueOn: '2027-02-01' };

  test('"therapy to be initiated" with a due date of "ASAP" is refused, naming the action and the letters', async () => {
    const response = await post('lac', `/api/v1/children/${fx.children.cressida}/health-plans`, { actions: [{ ...smart, action: 'therapy to be initiated', dueOn: 'ASAP' }] });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('health_plans.not_smart');
    const fieldErrors = response.json().error.fieldErrors;
    expect(fieldErrors['actions.0.action'][0]).toMatch(/^S/);
    expect(fieldErrors['actions.0.dueOn'][0]).toMatch(/^T/);
  });

  test('unmet actions must be carried forward into the next plan, with their history', async () => {
    const child = await addChild({ la: 'LA-PLAN-1', dob: '2013-03-03', given: 'Tobias', family: 'Quillfeather' });
    await addEpisode(child, { startedOn: '2025-03-03' });
    expect((await post('lac', `/api/v1/children/${child}/health-plans`, { actions: [smart, { ...smart, need: 'Dental decay', action: 'Book and attend a dental check with a local NHS dentist', measurableOutcome: 'Dental check done and treatment plan agreed', dueOn: '2027-01-10' }] })).statusCode).toBe(201);
    const draft = (await get('lac', `/api/v1/children/${child}/health-plans/draft`)).json();
    expect(draft.carriedForward).toHaveLength(2);
    const [first, second] = draft.previousActions;
    // Forgetting the unmet action is refused.
    const forgot = await post('lac', `/api/v1/children/${child}/health-plans`, { actions: [{ ...smart, dueOn: '2027-05-01', carriedFromActionId: first.id }], reviewedActions: [{ id: first.id, status: 'unmet' }] });
    expect(forgot.statusCode).toBe(400);
    // Reviewing one as met and carrying the other forward is accepted.
    const next = await post('lac', `/api/v1/children/${child}/health-plans`, { actions: [{ ...smart, dueOn: '2027-05-01', carriedFromActionId: first.id }], reviewedActions: [{ id: first.id, status: 'unmet' }, { id: second.id, status: 'met' }] });
    expect(next.statusCode).toBe(201);
    const health = (await get('lac', `/api/v1/children/${child}/lac-health`)).json();
    expect(health.planActions).toHaveLength(1);
    expect(health.planActions[0].carriedFromActionId).toBe(first.id);
    expect(health.planActions[0].history.map((h: { event: string }) => h.event)).toEqual(['created', 'unmet', 'carried_forward']);
  });
});

describe('care leavers', () => {
  test('are listed with a proactive annual review until 21, or 25 when extended', async () => {
    const young = await addChild({ la: 'LA-CL-1', dob: '2007-01-15', given: 'Rosalind', family: 'Gorsebrook' });
    await handle.db.insertInto('status_episodes').values({ child_id: young, id: randomUUID(), kind: 'care_leaver', started_on: '2025-01-15', ended_on: null, cp_category: null, legal_status: null, placement_type: null, placement_provider: null, placement_in_area: null, source: 'test', recorded_by: null }).execute();
    const older = await addChild({ la: 'LA-CL-2', dob: '2003-06-01', given: 'Barnabus', family: 'Gorsebrook' });
    await handle.db.insertInto('status_episodes').values({ child_id: older, id: randomUUID(), kind: 'care_leaver', started_on: '2021-06-01', ended_on: null, cp_category: null, legal_status: null, placement_type: null, placement_provider: null, placement_in_area: null, extended_to_25: true, source: 'test', recorded_by: null }).execute();
    const body = (await get('lac', '/api/v1/lac/care-leavers')).json();
    expect(body.items.find((i: { childId: string }) => i.childId === young)).toMatchObject({ ageYears: 19, offerEndsOn: '2028-01-15', nextReviewDue: '2026-01-15', status: 'overdue' });
    expect(body.items.find((i: { childId: string }) => i.childId === older)).toMatchObject({ ageYears: 23, offerEndsOn: '2028-06-01', extendedTo25: true });
  });
});
