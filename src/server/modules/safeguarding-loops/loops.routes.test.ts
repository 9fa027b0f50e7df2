import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../app.js';
import type { DatabaseHandle } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { createTestDb } from '../../test/test-db.js';
import { seedFixture, signIn, type SignedIn } from '../../test/fixtures.js';
import { onEventsRecorded } from './loops.hooks.js';
import { escalateOverdueLoopSteps } from './loops.usecases.js';

/** A clock the tests move forward, as time passes between the steps of a loop. */
const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
let current = new Date('2026-11-20T15:00:00Z');
const clock: Clock = { now: () => new Date(current), today: () => londonDate.format(current) };
/** Sessions expire on the clock, so moving it signs everyone in again (lazily, on their next request). */
const setNow = (iso: string) => {
  current = new Date(iso);
  for (const name of Object.keys(as)) delete as[name];
};

let handle: DatabaseHandle;
let app: FastifyInstance;
let fx: Awaited<ReturnType<typeof seedFixture>>;
const as: Record<string, SignedIn> = {};

beforeAll(async () => {
  handle = await createTestDb();
  fx = await seedFixture(handle.db);
  app = await buildApp({ db: handle.db, clock, signInRateLimitPerMinute: 10_000 });
}, 60_000);
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

const headers = async (who: string) => (as[who] ??= await signIn(app, who)).headers;
const get = async (who: string, url: string) => app.inject({ method: 'GET', url, headers: await headers(who) });
const post = async (who: string, url: string, payload?: unknown) => app.inject({ method: 'POST', url, headers: await headers(who), ...(payload === undefined ? {} : { payload: payload as object }) });

interface Step {
  id: string;
  step: string;
  agency: string;
  agencyName: string | null;
  expectedBy: string;
  state: string;
  receivedAt: string | null;
  receivedBy: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  overdue: boolean;
  escalated: boolean;
  escalatedAt: string | null;
  needsAcknowledgement: boolean;
  worklistItemId: string | null;
  rule: string;
}
interface Loop {
  id: string;
  kind: string;
  status: string;
  sourceEventId: string | null;
  planEventId: string | null;
  steps: Step[];
}

async function recordEvent(who: string, childId: string, body: Record<string, unknown>): Promise<string> {
  const response = await post(who, `/api/v1/children/${childId}/events`, body);
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { eventId: string }).eventId;
}
async function loopsOf(who: string, childId: string): Promise<Loop[]> {
  const response = await get(who, `/api/v1/children/${childId}/loops`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { loops: Loop[] }).loops;
}
const stepOf = (loop: Loop | undefined, step: string, agency?: string) => loop?.steps.find((s) => s.step === step && (!agency || s.agency === agency));
async function auditActions(childId: string) {
  const rows = await handle.db.selectFrom('audit_events').select(['action', 'outcome']).where('child_id', '=', childId).execute();
  return rows.map((r) => `${r.action}:${r.outcome}`);
}

const mashReferral = (mode: 'verbal' | 'written', occurredAt: string, extra: Record<string, unknown> = {}) => ({
  type: 'mash_referral',
  occurredAt,
  summary: `${mode} referral to MASH`,
  details: { mode, concern: 'Bruising seen at a home visit', referrerName: 'Test hv', referrerRole: 'Health visitor', ...extra },
});

describe('MASH referral loop: verbal → written within 48 h → decision within 1 working day → outcome back to the referrer', () => {
  let verbalId: string;
  let loop: Loop;

  test('a verbal referral on a Friday afternoon opens the loop: written confirmation by Sunday 15:00 (48 h across the weekend), decision by 17:00 Monday', async () => {
    setNow('2026-11-20T15:05:00Z');
    verbalId = await recordEvent('hv', fx.children.amelia, mashReferral('verbal', '2026-11-20T15:00:00Z'));
    const loops = await loopsOf('hv', fx.children.amelia);
    loop = loops.find((l) => l.sourceEventId === verbalId)!;
    expect(loop).toMatchObject({ kind: 'mash_referral', status: 'open' });
    expect(stepOf(loop, 'written_confirmation')).toMatchObject({ agency: 'referrer', agencyName: 'Testborough Community Health', expectedBy: '2026-11-22T15:00:00.000Z', state: 'expected', overdue: false });
    expect(stepOf(loop, 'mash_decision')).toMatchObject({ agency: 'mash', expectedBy: '2026-11-23T17:00:00.000Z', state: 'expected', overdue: false });
    expect(stepOf(loop, 'written_confirmation')!.rule).toContain('§11');
    expect(await auditActions(fx.children.amelia)).toContain('safeguarding_loop.open:allowed');
  });

  test('on Monday morning the written confirmation is overdue and shown escalated; the sweep stamps it once and audits it', async () => {
    setNow('2026-11-23T09:00:00Z');
    loop = (await loopsOf('hv', fx.children.amelia)).find((l) => l.id === loop.id)!;
    expect(stepOf(loop, 'written_confirmation')).toMatchObject({ overdue: true, escalated: true, escalatedAt: null });
    expect(stepOf(loop, 'mash_decision')).toMatchObject({ overdue: false, escalated: false });

    const first = await escalateOverdueLoopSteps({ db: handle.db, clock });
    expect(first.escalated).toEqual([expect.objectContaining({ childId: fx.children.amelia, loopId: loop.id, step: 'written_confirmation' })]);
    expect((await escalateOverdueLoopSteps({ db: handle.db, clock })).escalated).toEqual([]);
    const audit = await handle.db.selectFrom('audit_events').select(['record', 'actor_id']).where('child_id', '=', fx.children.amelia).where('action', '=', 'safeguarding_loop.escalate').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.record).details).toMatchObject({ loopId: loop.id, step: 'written_confirmation' });

    const overdue = await get('hv', '/api/v1/loops/overdue');
    expect(overdue.statusCode).toBe(200);
    expect((overdue.json() as { steps: { childId: string; step: string; escalatedAt: string | null }[] }).steps).toContainEqual(expect.objectContaining({ childId: fx.children.amelia, step: 'written_confirmation', escalatedAt: '2026-11-23T09:00:00.000Z' }));
  });

  test('the written referral that confirms it closes the written step (late), and the decision is still awaited', async () => {
    setNow('2026-11-23T10:05:00Z');
    const writtenId = await recordEvent('hv', fx.children.amelia, mashReferral('written', '2026-11-23T10:00:00Z', { confirmsVerbalReferralId: verbalId }));
    const loops = await loopsOf('hv', fx.children.amelia);
    expect(loops.filter((l) => l.kind === 'mash_referral')).toHaveLength(1);
    loop = loops.find((l) => l.id === loop.id)!;
    expect(stepOf(loop, 'written_confirmation')).toMatchObject({ state: 'received', receivedAt: '2026-11-23T10:00:00.000Z', receivedBy: 'Test hv', overdue: false, escalated: false });
    expect(loop.status).toBe('open');
    expect(writtenId).not.toBe(verbalId);
  });

  test('the MASH decision (linked to the referral) is recorded and the outcome goes back to the referrer’s organisation to acknowledge', async () => {
    setNow('2026-11-23T14:05:00Z');
    await recordEvent('designated', fx.children.amelia, { type: 'mash_decision', occurredAt: '2026-11-23T14:00:00Z', summary: 'Threshold decision', details: { decision: 'child_in_need_assessment', referralEventId: verbalId } });
    loop = (await loopsOf('hv', fx.children.amelia)).find((l) => l.id === loop.id)!;
    expect(stepOf(loop, 'mash_decision')).toMatchObject({ state: 'received', receivedAt: '2026-11-23T14:00:00.000Z', overdue: false });
    expect(stepOf(loop, 'outcome_to_referrer')).toMatchObject({ agency: 'referrer', agencyName: 'Testborough Community Health', needsAcknowledgement: true, state: 'received', expectedBy: '2026-11-24T17:00:00.000Z' });
    expect(loop.status).toBe('open');
  });

  test('only the referrer’s organisation acknowledges the outcome (403 for a GP practice); then the loop is closed', async () => {
    setNow('2026-11-24T09:30:00Z');
    const outcome = stepOf(loop, 'outcome_to_referrer')!;
    const url = `/api/v1/children/${fx.children.amelia}/loops/${loop.id}/steps/${outcome.id}/acknowledge`;
    const byGp = await post('gp', url);
    expect(byGp.statusCode).toBe(403);
    expect(byGp.json().error.code).toBe('safeguarding_loops.not_recipient');
    const byHv = await post('hv', url);
    expect(byHv.statusCode, byHv.body).toBe(200);
    const closed = byHv.json().loop as Loop;
    expect(stepOf(closed, 'outcome_to_referrer')).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Test hv', acknowledgedAt: '2026-11-24T09:30:00.000Z' });
    expect(closed.status).toBe('closed');
    expect((await post('hv', url)).json().error.code).toBe('safeguarding_loops.already_acknowledged');
    const decision = stepOf(closed, 'mash_decision')!;
    expect((await post('hv', `/api/v1/children/${fx.children.amelia}/loops/${loop.id}/steps/${decision.id}/acknowledge`)).json().error.code).toBe('safeguarding_loops.no_acknowledgement_needed');
    expect(await auditActions(fx.children.amelia)).toEqual(expect.arrayContaining(['safeguarding_loop.step_received:allowed', 'safeguarding_loop.acknowledge:allowed', 'safeguarding_loop.acknowledge:failed']));
  });
});

describe('MASH decision timer across Easter 2026 (Good Friday 3 April, Easter Monday 6 April)', () => {
  test('a verbal referral on Maundy Thursday is decided by 17:00 BST on Tuesday 7 April; the decision escalates only after that', async () => {
    setNow('2026-04-02T14:05:00Z');
    const id = await recordEvent('designated', fx.children.barnaby, mashReferral('verbal', '2026-04-02T14:00:00Z'));
    const loop = (await loopsOf('designated', fx.children.barnaby)).find((l) => l.sourceEventId === id)!;
    expect(stepOf(loop, 'mash_decision')!.expectedBy).toBe('2026-04-07T16:00:00.000Z');
    expect(stepOf(loop, 'written_confirmation')!.expectedBy).toBe('2026-04-04T14:00:00.000Z');

    setNow('2026-04-07T15:59:00Z');
    expect((await escalateOverdueLoopSteps({ db: handle.db, clock })).escalated.map((e) => e.step)).toEqual(['written_confirmation']);
    setNow('2026-04-07T16:01:00Z');
    expect((await escalateOverdueLoopSteps({ db: handle.db, clock })).escalated.map((e) => e.step)).toEqual(['mash_decision']);
    const after = (await loopsOf('designated', fx.children.barnaby)).find((l) => l.id === loop.id)!;
    expect(stepOf(after, 'mash_decision')).toMatchObject({ overdue: true, escalated: true, escalatedAt: '2026-04-07T16:01:00.000Z' });
  });

  test('a decision with no link closes the child’s one referral awaiting a decision; no outcome step is opened twice', async () => {
    setNow('2026-04-08T10:05:00Z');
    await recordEvent('designated', fx.children.barnaby, { type: 'mash_decision', occurredAt: '2026-04-08T10:00:00Z', summary: 'Decision', details: { decision: 'early_help' } });
    await recordEvent('designated', fx.children.barnaby, { type: 'mash_decision', occurredAt: '2026-04-08T10:01:00Z', summary: 'Decision again', details: { decision: 'early_help' } });
    const loop = (await loopsOf('designated', fx.children.barnaby))[0]!;
    expect(stepOf(loop, 'mash_decision')).toMatchObject({ state: 'received', overdue: false, escalated: false });
    expect(loop.steps.filter((s) => s.step === 'outcome_to_referrer')).toHaveLength(1);
    expect(stepOf(loop, 'outcome_to_referrer')!.expectedBy).toBe('2026-04-09T16:00:00.000Z');
  });
});

describe('events from a feed', () => {
  test('a verbal referral sent by a system identity (not a user) still opens the loop, with the sending organisation as referrer', async () => {
    const eventId = randomUUID();
    await handle.db.transaction().execute((tx) =>
      onEventsRecorded(tx, {
        actor: { userId: '00000000-0000-4000-8000-000000000000', username: 'feed', role: 'designated_nurse', organisationId: '00000000-0000-4000-8000-000000000000', teamId: null, channel: 'cli' },
        events: [{ childId: fx.children.dorian, eventId, type: 'mash_referral', occurredAt: new Date('2026-11-24T09:00:00Z'), recordedAt: new Date('2026-11-24T09:01:00Z'), organisationId: fx.organisations.hospital, details: { mode: 'verbal' } }],
        now: new Date('2026-11-24T09:01:00Z'),
      }),
    );
    const loop = await handle.db.selectFrom('safeguarding_loops').selectAll().where('child_id', '=', fx.children.dorian).where('source_event_id', '=', eventId).executeTakeFirstOrThrow();
    expect(loop).toMatchObject({ kind: 'mash_referral', opened_by: null, referrer_organisation_id: fx.organisations.hospital, referral_mode: 'verbal' });
  });
});

describe('child protection conference loop: invitation → reports due → plan received → filed by each service', () => {
  let conferenceId: string;

  test('an invitation opens the loop: GP and health-visitor reports due 48 h before an initial conference, then the plan', async () => {
    setNow('2026-11-27T12:00:00Z');
    const response = await post('designated', `/api/v1/children/${fx.children.amelia}/cp-conferences`, { kind: 'initial', conferenceAt: '2026-12-07T10:00:00Z', invitedServices: ['gp', 'health_visiting'] });
    expect(response.statusCode, response.body).toBe(201);
    conferenceId = response.json().conferenceId;
    const loop = response.json().loop as Loop;
    expect(stepOf(loop, 'gp_report')).toMatchObject({ agency: 'gp', agencyName: 'Quillfeather Surgery', expectedBy: '2026-12-05T10:00:00.000Z', state: 'expected' });
    expect(stepOf(loop, 'health_report', 'health_visiting')).toMatchObject({ agencyName: 'Health visiting', expectedBy: '2026-12-05T10:00:00.000Z' });
    expect(stepOf(loop, 'plan_received')).toMatchObject({ agency: 'childrens_social_care', expectedBy: '2026-12-08T17:00:00.000Z' });
    expect(await auditActions(fx.children.amelia)).toContain('safeguarding_loop.conference_invite:allowed');
  });

  test('an invitation with no services, or an unknown one, is refused with the field named', async () => {
    const none = await post('designated', `/api/v1/children/${fx.children.amelia}/cp-conferences`, { kind: 'initial', conferenceAt: '2026-12-07T10:00:00Z', invitedServices: [] });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fieldErrors.invitedServices).toEqual(['Select at least one health service to invite']);
    const bad = await post('designated', `/api/v1/children/${fx.children.amelia}/cp-conferences`, { kind: 'final', conferenceAt: 'Monday', invitedServices: ['gp'] });
    expect(Object.keys(bad.json().error.fieldErrors).sort()).toEqual(['conferenceAt', 'kind']);
  });

  test('the GP report draft is pre-filled from the record and the last 12 months of chronology; a sexual-health entry is redacted for the GP', async () => {
    setNow('2026-11-27T12:30:00Z');
    await recordEvent('designated', fx.children.amelia, { type: 'significant_event', occurredAt: '2026-10-01T10:00:00Z', summary: 'Seen at the sexual health clinic with an adult', confidentiality: 'sexual_health', details: { category: 'Sexual health contact' } });
    await recordEvent('designated', fx.children.amelia, { type: 'health_contact', occurredAt: '2025-09-01T10:00:00Z', summary: 'Old contact, outside the window', details: { kind: 'home_visit', childSeen: true } });
    const response = await get('gp', `/api/v1/children/${fx.children.amelia}/cp-conferences/${conferenceId}/gp-report-draft`);
    expect(response.statusCode, response.body).toBe(200);
    const draft = response.json();
    expect(draft.conference).toMatchObject({ id: conferenceId, kind: 'initial', conferenceAt: '2026-12-07T10:00:00.000Z', reportDueBy: '2026-12-05T10:00:00.000Z' });
    expect(draft.child).toMatchObject({ name: 'Amelia Quillfeather', dateOfBirth: '2023-03-14', nhsNumber: '9434765919' });
    expect(draft.gpPractice).toMatchObject({ name: 'Quillfeather Surgery' });
    expect(draft.flags.map((f: { code: string }) => f.code)).toContain('child_protection_plan');
    expect(draft.statusEpisodes).toContainEqual(expect.objectContaining({ kind: 'child_protection', startedOn: '2025-06-01', cpCategory: 'neglect' }));
    expect(draft.household).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'sibling', name: 'Dorian Quillfeather', livesWith: true }), expect.objectContaining({ name: 'Barnaby Thistlewood', livesWith: false })]));
    expect(draft.chronologyFrom).toBe('2025-11-27');
    const summaries = draft.chronology.map((e: { summary: string | null }) => e.summary);
    expect(summaries).toEqual(expect.arrayContaining(['verbal referral to MASH', 'written referral to MASH', 'Threshold decision']));
    expect(summaries).not.toContain('Old contact, outside the window');
    // #5 consent: with no include-in-report consent the sexual-health entry is left out of the report altogether
    // (redaction of an included entry for a GP is tested in consent/report-inclusion.routes.test.ts).
    expect(draft.chronology.find((e: { type: string }) => e.type === 'significant_event')).toBeUndefined();
    expect(draft.omittedWithoutConsent).toBe(1);
    expect(JSON.stringify(draft)).not.toContain('sexual health clinic with an adult');
    expect(draft.sectionsToComplete.length).toBeGreaterThan(0);

    // The designated nurse is entitled to the category and, under a safeguarding override, sees the entry.
    const designated = (await get('designated', `/api/v1/children/${fx.children.amelia}/cp-conferences/${conferenceId}/gp-report-draft?override=1&reason=${encodeURIComponent('Conference next week, risk of exploitation')}`)).json();
    expect(designated.chronology.find((e: { type: string }) => e.type === 'significant_event')).toMatchObject({ summary: 'Seen at the sexual health clinic with an adult', restricted: null });

    const audit = await handle.db.selectFrom('audit_events').select(['record']).where('child_id', '=', fx.children.amelia).where('action', '=', 'safeguarding_loop.gp_report_draft').where('outcome', '=', 'allowed').where('actor_id', '=', fx.users.gp!.id).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.record).details).toMatchObject({ conferenceId, redacted: 0, omittedWithoutConsent: 1, entries: draft.chronology.length, basis: 'registered_practice' });
  });

  test('a report received is recorded once; a report dated in the future is refused with the field named', async () => {
    const url = `/api/v1/children/${fx.children.amelia}/cp-conferences/${conferenceId}/reports`;
    const future = await post('gp', url, { agency: 'gp', receivedAt: '2026-11-28T09:00:00Z' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fieldErrors.receivedAt).toBeDefined();
    const ok = await post('gp', url, { agency: 'gp', note: 'Report sent by secure email' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(stepOf(ok.json().loop, 'gp_report')).toMatchObject({ state: 'received', receivedBy: 'Test gp', receivedAt: '2026-11-27T12:30:00.000Z', overdue: false });
    const again = await post('gp', url, { agency: 'gp' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('safeguarding_loops.report_already_received');
    expect((await post('gp', `/api/v1/children/${fx.children.amelia}/cp-conferences/${randomUUID()}/reports`, { agency: 'gp' })).json().error.code).toBe('safeguarding_loops.conference_not_found');
  });

  test('after the deadline the missing health-visitor report is overdue and escalated; the GP’s is not', async () => {
    setNow('2026-12-05T10:01:00Z');
    const result = await escalateOverdueLoopSteps({ db: handle.db, clock });
    expect(result.escalated).toContainEqual(expect.objectContaining({ loopId: conferenceId, step: 'health_report', agency: 'health_visiting' }));
    expect(result.escalated.filter((e) => e.loopId === conferenceId)).toHaveLength(1);
  });

  test('the conference outcome with a plan marks the plan received; each service files it by acknowledging its worklist item', async () => {
    setNow('2026-12-07T13:05:00Z');
    const planId = await recordEvent('designated', fx.children.amelia, { type: 'cp_conference', occurredAt: '2026-12-07T13:00:00Z', summary: 'Initial conference: plan made', details: { kind: 'initial', outcome: 'plan_made', category: 'neglect' } });
    let loop = (await loopsOf('hv', fx.children.amelia)).find((l) => l.id === conferenceId)!;
    expect(loop.planEventId).toBe(planId);
    expect(stepOf(loop, 'plan_received')).toMatchObject({ state: 'received', receivedAt: '2026-12-07T13:00:00.000Z', overdue: false });
    const filings = loop.steps.filter((s) => s.step === 'plan_filed');
    const items = await handle.db.selectFrom('worklist_items').select(['id', 'team_id']).where('child_id', '=', fx.children.amelia).where('event_id', '=', planId).where('rule_id', '=', 'cp-plan-every-service').execute();
    expect(items.length).toBeGreaterThan(0);
    expect(filings.map((f) => f.worklistItemId).sort()).toEqual(items.map((i) => i.id).sort());
    const hvItem = items.find((i) => i.team_id === fx.teams.hvTeam)!;
    expect(filings.find((f) => f.worklistItemId === hvItem.id)).toMatchObject({ agencyName: 'Health visiting north', state: 'received', needsAcknowledgement: true });

    const ack = await post('hv', `/api/v1/children/${fx.children.amelia}/worklist-items/${hvItem.id}/acknowledge`, {});
    expect(ack.statusCode, ack.body).toBe(204);
    loop = (await loopsOf('hv', fx.children.amelia)).find((l) => l.id === conferenceId)!;
    expect(loop.steps.find((s) => s.worklistItemId === hvItem.id)).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Test hv' });
    expect(loop.status).toBe('open');
  });

  test('a plan not filed by a service past its acknowledgement time shows as overdue in the loop and in the overdue list', async () => {
    setNow('2026-12-31T12:00:00Z');
    const loop = (await loopsOf('designated', fx.children.amelia)).find((l) => l.id === conferenceId)!;
    const unfiled = loop.steps.filter((s) => s.step === 'plan_filed' && s.state !== 'acknowledged');
    expect(unfiled.length).toBeGreaterThan(0);
    for (const step of unfiled) expect(step).toMatchObject({ overdue: true, escalated: true });
    const overdue = (await get('designated', '/api/v1/loops/overdue')).json().steps as { step: string; loopId: string }[];
    expect(overdue.filter((s) => s.step === 'plan_filed' && s.loopId === conferenceId)).toHaveLength(unfiled.length);
  });
});

describe('CAMHS progress before the LAC review health assessment (rec 3.9)', () => {
  test('an RHA requested for a child CAMHS know shows a CAMHS progress loop; a camhs_progress_report marks it and the LAC contribution received', async () => {
    setNow('2026-11-27T12:00:00Z');
    const camhsTeam = randomUUID();
    await handle.db.insertInto('teams').values({ id: camhsTeam, organisation_id: fx.organisations.community, name: 'CAMHS', kind: 'camhs' }).execute();
    await handle.db.insertInto('caseload_allocations').values({ child_id: fx.children.cressida, id: randomUUID(), team_id: camhsTeam, user_id: null, service: 'camhs', started_on: '2026-01-01', ended_on: null }).execute();
    const requested = await post('lac', `/api/v1/children/${fx.children.cressida}/health-assessments`, { kind: 'RHA' });
    expect(requested.statusCode, requested.body).toBe(201);
    const assessmentId = requested.json().assessmentId as string;
    const contribution = await handle.db.selectFrom('assessment_contributions').selectAll().where('child_id', '=', fx.children.cressida).where('contributor', '=', 'camhs').executeTakeFirstOrThrow();

    let loop = (await loopsOf('lac', fx.children.cressida)).find((l) => l.kind === 'camhs_progress')!;
    expect(loop).toMatchObject({ status: 'open' });
    expect(stepOf(loop, 'camhs_progress')).toMatchObject({ agency: 'camhs', state: 'expected', expectedBy: `${contribution.due_on}T17:00:00.000Z` });

    setNow('2026-11-27T15:00:00Z');
    await recordEvent('lac', fx.children.cressida, { type: 'camhs_progress_report', occurredAt: '2026-11-27T14:00:00Z', summary: 'CAMHS progress report received', details: { reportDate: '2026-11-27' } });
    loop = (await loopsOf('lac', fx.children.cressida)).find((l) => l.kind === 'camhs_progress')!;
    expect(stepOf(loop, 'camhs_progress')).toMatchObject({ state: 'received', receivedAt: '2026-11-27T14:00:00.000Z', receivedBy: 'Test lac' });
    expect(loop.status).toBe('closed');
    const after = await handle.db.selectFrom('assessment_contributions').select(['received_on', 'assessment_id']).where('id', '=', contribution.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ received_on: '2026-11-27', assessment_id: assessmentId });
  });
});

describe('access: role, scope and audit', () => {
  test('a child outside the user’s scope is 404 on every loop route, and audited as not found', async () => {
    const conference = (await loopsOf('designated', fx.children.amelia)).find((l) => l.kind === 'cp_conference')!;
    for (const response of [
      await get('hv-south', `/api/v1/children/${fx.children.amelia}/loops`),
      await get('sh', `/api/v1/children/${fx.children.amelia}/cp-conferences/${conference.id}/gp-report-draft`),
      await post('hv-south', `/api/v1/children/${fx.children.amelia}/cp-conferences`, { kind: 'review', conferenceAt: '2027-03-01T10:00:00Z', invitedServices: ['gp'] }),
      await post('hv-south', `/api/v1/children/${fx.children.amelia}/cp-conferences/${conference.id}/reports`, { agency: 'health_visiting' }),
      await post('hv-south', `/api/v1/children/${fx.children.amelia}/loops/${conference.id}/steps/${conference.steps[0]!.id}/acknowledge`),
    ]) {
      expect(response.statusCode, response.body).toBe(404);
      expect(response.json().error.code).toBe('children.not_found');
    }
    const rows = await handle.db.selectFrom('audit_events').select(['action']).where('actor_id', '=', fx.users['hv-south']!.id).where('outcome', '=', 'not_found').execute();
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['safeguarding_loop.read', 'safeguarding_loop.conference_invite', 'safeguarding_loop.report_received', 'safeguarding_loop.acknowledge']));
  });

  test('a role without the loop resource is refused (403) and audited as denied', async () => {
    expect((await get('commissioner', `/api/v1/children/${fx.children.amelia}/loops`)).statusCode).toBe(403);
    expect((await get('commissioner', '/api/v1/loops/overdue')).statusCode).toBe(403);
    const rows = await handle.db.selectFrom('audit_events').select(['action']).where('actor_id', '=', fx.users.commissioner!.id).where('outcome', '=', 'denied').execute();
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['safeguarding_loop.read', 'safeguarding_loop.overdue_list']));
  });

  test('the overdue list holds only children in the user’s scope, and the read is audited with the children listed', async () => {
    setNow('2026-12-31T12:00:00Z');
    const south = (await get('hv-south', '/api/v1/loops/overdue')).json().steps as { childId: string }[];
    expect(south.map((s) => s.childId)).not.toContain(fx.children.amelia);
    const north = (await get('hv', '/api/v1/loops/overdue')).json().steps as { childId: string }[];
    expect(north.map((s) => s.childId)).toContain(fx.children.amelia);
    expect(north.map((s) => s.childId)).not.toContain(fx.children.barnaby);
    const audit = await handle.db.selectFrom('audit_events').select(['record']).where('actor_id', '=', fx.users.hv!.id).where('action', '=', 'safeguarding_loop.overdue_list').execute();
    expect(audit.some((a) => (JSON.parse(a.record).details.resultChildIds as string[]).includes(fx.children.amelia))).toBe(true);
  });

  test('reading a child’s loops is audited as allowed with the access basis', async () => {
    await loopsOf('hv', fx.children.amelia);
    const rows = await handle.db.selectFrom('audit_events').select(['record']).where('actor_id', '=', fx.users.hv!.id).where('action', '=', 'safeguarding_loop.read').where('outcome', '=', 'allowed').execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.parse(rows.at(-1)!.record).details.basis).toBeTruthy();
  });
});
