import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../app.js';
import type { DatabaseHandle } from '../../db/database.js';
import { fixedClock, type Clock } from '../../shared/clock.js';
import { createTestDb } from '../../test/test-db.js';
import { seedFixture, signIn, type SignedIn } from '../../test/fixtures.js';

/**
 * Consent and sharing (#5) end to end over HTTP on a real database: who may consent (Gillick, Fraser, 16+,
 * parental responsibility), withdrawal effective at once, a share with consent, without it (409), an override
 * attempt without the permission (403) or without a reason (400), an override (audited); and reports that
 * leave out confidential entries without an include-in-report consent or an override.
 */
let handle: DatabaseHandle;
let app: FastifyInstance;
let fx: Awaited<ReturnType<typeof seedFixture>>;
const as: Record<string, SignedIn> = {};
let nowIso = '2026-11-27T12:00:00Z';
const clock: Clock = { now: () => new Date(nowIso), today: () => fixedClock(nowIso).today() };

let ottoline: string; // 14: Gillick / Fraser
let peregrine: string; // 16: presumed capacity
let camhsOrg: string;
let camhsTeam: string;
let schoolNursingTeam: string;
let otherOrgTeam: string;
let ottolineMother: string;
let ameliaMother: string;
let ameliaAunt: string;
const ev: Record<string, string> = {};

async function addChild(given: string, family: string, dob: string) {
  const id = randomUUID();
  await handle.db.insertInto('children').values({ id, nhs_number: null, la_child_id: null, given_name: given, family_name: family, date_of_birth: dob, expected_due_on: null, is_unborn: false, born_as_child_id: null, unborn_record_id: null, mother_person_id: null, ethnicity: null, registered_practice_id: fx.organisations.practiceA, school_id: null, responsible_la_id: fx.organisations.la, placement_area: null }).execute();
  await handle.db.insertInto('caseload_allocations').values({ child_id: id, id: randomUUID(), team_id: fx.teams.hvTeam, user_id: fx.users.hv!.id, service: 'health_visiting', started_on: '2025-01-01', ended_on: null }).execute();
  return id;
}
async function addParent(childId: string, given: string, pr: boolean) {
  const person = randomUUID();
  await handle.db.insertInto('people').values({ id: person, given_name: given, family_name: 'Brackenbury', date_of_birth: null, nhs_number: null, phone: null }).execute();
  const id = randomUUID();
  await handle.db.insertInto('relationships').values({ child_id: childId, id, kind: pr ? 'mother' : 'aunt', related_child_id: null, related_person_id: person, has_parental_responsibility: pr, lives_with: pr }).execute();
  return id;
}
async function addEvent(childId: string, summary: string, confidentiality: string, occurredAt = '2026-11-20T10:00:00Z') {
  const id = randomUUID();
  await handle.db.insertInto('child_events').values({ child_id: childId, id, type: 'health_contact', occurred_at: occurredAt, recorded_at: occurredAt, recorded_by: fx.users.hv!.id, organisation_id: fx.organisations.community, service: 'health_visiting', source: 'ui', source_system: null, source_id: null, significance: 'routine', confidentiality, household_event_id: null, summary, details: {}, routing_version: 1 }).execute();
  return id;
}
async function team(organisationId: string, name: string, kind: string) {
  const id = randomUUID();
  await handle.db.insertInto('teams').values({ id, organisation_id: organisationId, name, kind }).execute();
  return id;
}

beforeAll(async () => {
  handle = await createTestDb();
  fx = await seedFixture(handle.db);
  app = await buildApp({ db: handle.db, clock });
  ottoline = await addChild('Ottoline', 'Brackenbury', '2012-06-15');
  peregrine = await addChild('Peregrine', 'Ashdown', '2010-05-01');
  // The sexual health practitioner has Ottoline on their own caseload.
  const shTeam = (await handle.db.selectFrom('teams').select('id').where('kind', '=', 'sexual_health').executeTakeFirstOrThrow()).id;
  await handle.db.insertInto('caseload_allocations').values({ child_id: ottoline, id: randomUUID(), team_id: shTeam, user_id: fx.users.sh!.id, service: 'sexual_health', started_on: '2025-01-01', ended_on: null }).execute();
  camhsOrg = randomUUID();
  await handle.db.insertInto('organisations').values({ id: camhsOrg, code: 'T-MH', name: 'Testborough Minds Trust', kind: 'nhs_trust', parent_id: null }).execute();
  camhsTeam = await team(camhsOrg, 'CAMHS east', 'camhs');
  schoolNursingTeam = await team(camhsOrg, 'School nursing east', 'school_nursing');
  otherOrgTeam = await team(fx.organisations.hospital, 'Paediatrics ward', 'paediatrics');
  ottolineMother = await addParent(ottoline, 'Rosamund', true);
  ameliaMother = await addParent(fx.children.amelia, 'Hortensia', true);
  ameliaAunt = await addParent(fx.children.amelia, 'Euphemia', false);
  ev.standard = await addEvent(ottoline, 'Weight check at the clinic', 'standard');
  ev.sexualHealth = await addEvent(ottoline, 'SECRET-SH: contraception advice', 'sexual_health');
  ev.camhs = await addEvent(ottoline, 'SECRET-CAMHS: therapy session notes', 'camhs_therapy');
  ev.peregrineStandard = await addEvent(peregrine, 'School nurse drop-in', 'standard');
  for (const name of ['hv', 'hv-south', 'designated', 'commissioner', 'sh', 'gp']) as[name] = await signIn(app, name);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: as[who]!.headers });
const post = (who: string, url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: as[who]!.headers, payload: payload as object });
const consentsUrl = (childId: string) => `/api/v1/children/${childId}/consents`;
const sharesUrl = (childId: string) => `/api/v1/children/${childId}/shares`;
async function auditRows(action: string, childId: string | null = null) {
  let q = handle.db.selectFrom('audit_events').select(['record', 'outcome', 'child_id']).where('action', '=', action);
  if (childId) q = q.where('child_id', '=', childId);
  return (await q.orderBy('occurred_at').orderBy('seq').execute()).map((r) => ({ outcome: r.outcome, childId: r.child_id, record: r.record, details: JSON.parse(r.record).details as Record<string, unknown> }));
}

const gillickToCamhs = () => ({ purpose: 'share_with_service', recipientOrganisationId: camhsOrg, categories: ['standard'], scope: 'Ottoline agreed her clinic weights may go to CAMHS', givenBy: 'young_person', competenceBasis: 'gillick', givenOn: '2026-11-25' });
let gillickConsentId = '';

describe('who may consent', () => {
  test('Gillick: a 14-year-old assessed competent consents for herself; the audit row holds codes, not her words', async () => {
    const response = await post('hv', consentsUrl(ottoline), gillickToCamhs());
    expect(response.statusCode, response.body).toBe(201);
    const { consent } = response.json();
    gillickConsentId = consent.id;
    expect(consent).toMatchObject({ purpose: 'share_with_service', givenBy: 'young_person', competenceBasis: 'gillick', competenceAssessedBy: 'Test hv', recipient: { organisationId: camhsOrg, organisationName: 'Testborough Minds Trust', service: null }, categories: [{ code: 'standard', label: 'Standard' }], status: 'active', withdrawn: null });
    const [row] = await auditRows('consent.record', ottoline);
    expect(row).toMatchObject({ outcome: 'allowed', details: { consentId: consent.id, purpose: 'share_with_service', givenBy: 'young_person', competenceBasis: 'gillick', categories: ['standard'] } });
    expect(row!.record).not.toContain('clinic weights');
  });

  test('Fraser: a 14-year-old consents to share her sexual-health information; Fraser does not stretch to standard entries', async () => {
    const ok = await post('sh', consentsUrl(ottoline), { purpose: 'share_with_service', recipientOrganisationId: camhsOrg, categories: ['sexual_health'], givenBy: 'young_person', competenceBasis: 'fraser', givenOn: '2026-11-25' });
    expect(ok.statusCode, ok.body).toBe(201);
    const wide = await post('sh', consentsUrl(ottoline), { purpose: 'share_with_service', recipientOrganisationId: camhsOrg, categories: ['sexual_health', 'standard'], givenBy: 'young_person', competenceBasis: 'fraser', givenOn: '2026-11-25' });
    expect(wide.statusCode).toBe(400);
    expect(wide.json().error).toMatchObject({ code: 'consent.fraser_outside_sexual_health', fieldErrors: { competenceBasis: [expect.stringContaining('Fraser')] } });
    expect((await auditRows('consent.record', ottoline)).at(-1)).toMatchObject({ outcome: 'failed', details: { reason: 'consent.fraser_outside_sexual_health', refusal: 'fraser_outside_sexual_health' } });
  });

  test('16 or over: capacity is presumed (FLRA 1969 s8, MCA 2005); Gillick is refused, and so is a parent consenting for them', async () => {
    const base = { purpose: 'share_with_service', recipientOrganisationId: camhsOrg, categories: ['standard'], givenOn: '2026-11-25' };
    const ok = await post('hv', consentsUrl(peregrine), { ...base, givenBy: 'young_person', competenceBasis: 'aged_16_or_over' });
    expect(ok.statusCode, ok.body).toBe(201);
    const gillick = await post('hv', consentsUrl(peregrine), { ...base, givenBy: 'young_person', competenceBasis: 'gillick' });
    expect(gillick.json().error).toMatchObject({ code: 'consent.use_presumed_capacity', fieldErrors: { competenceBasis: [expect.any(String)] } });
    const under16 = await post('hv', consentsUrl(ottoline), { ...base, givenBy: 'young_person', competenceBasis: 'aged_16_or_over' });
    expect(under16.json().error).toMatchObject({ code: 'consent.not_16_yet', fieldErrors: { competenceBasis: [expect.any(String)] } });
    const parent = await post('designated', consentsUrl(peregrine), { ...base, givenBy: 'parental_responsibility', parentalResponsibilityRelationshipId: ameliaMother });
    expect(parent.statusCode).toBe(400);
    expect(Object.keys(parent.json().error.fieldErrors)).toEqual(['parentalResponsibilityRelationshipId']);
  });

  test('parental responsibility: a mother with PR consents for a 3-year-old; someone without PR, or no one named, is refused naming the field', async () => {
    const base = { purpose: 'include_in_report', categories: ['dv_disclosure'], givenBy: 'parental_responsibility', givenOn: '2026-11-26' };
    const ok = await post('hv', consentsUrl(fx.children.amelia), { ...base, parentalResponsibilityRelationshipId: ameliaMother });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().consent).toMatchObject({ givenBy: 'parental_responsibility', parentalResponsibility: { relationshipId: ameliaMother, name: 'Hortensia Brackenbury', kind: 'mother' }, competenceBasis: null, recipient: null });
    const aunt = await post('hv', consentsUrl(fx.children.amelia), { ...base, parentalResponsibilityRelationshipId: ameliaAunt });
    expect(aunt.json().error.fieldErrors.parentalResponsibilityRelationshipId).toBeDefined();
    const nobody = await post('hv', consentsUrl(fx.children.amelia), base);
    expect(nobody.json().error.fieldErrors.parentalResponsibilityRelationshipId).toBeDefined();
    const youngChild = await post('hv', consentsUrl(fx.children.amelia), { ...base, givenBy: 'young_person', competenceBasis: 'gillick' });
    expect(youngChild.statusCode, 'a Gillick assessment of a 3-year-old is the practitioner’s call, but it names the assessor').toBe(201);
  });

  test('a parent cannot consent over a competent young person’s own decision (409)', async () => {
    const response = await post('hv', consentsUrl(ottoline), { purpose: 'share_with_service', recipientOrganisationId: camhsOrg, categories: ['standard'], givenBy: 'parental_responsibility', parentalResponsibilityRelationshipId: ottolineMother, givenOn: '2026-11-26' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('consent.young_person_decides');
  });

  test('the form’s cross-field rules name the field; role 403, out of scope 404, both audited', async () => {
    const noRecipient = await post('hv', consentsUrl(ottoline), { ...gillickToCamhs(), recipientOrganisationId: undefined });
    expect(Object.keys(noRecipient.json().error.fieldErrors)).toEqual(['recipientOrganisationId']);
    const future = await post('hv', consentsUrl(ottoline), { ...gillickToCamhs(), givenOn: '2026-11-28' });
    expect(Object.keys(future.json().error.fieldErrors)).toEqual(['givenOn']);
    const noBasis = await post('hv', consentsUrl(ottoline), { ...gillickToCamhs(), competenceBasis: undefined });
    expect(Object.keys(noBasis.json().error.fieldErrors)).toEqual(['competenceBasis']);
    expect((await post('commissioner', consentsUrl(ottoline), gillickToCamhs())).statusCode).toBe(403);
    const outside = await post('hv-south', consentsUrl(ottoline), gillickToCamhs());
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.code).toBe('children.not_found');
    const rows = await auditRows('consent.record');
    expect(rows.map((r) => r.outcome)).toEqual(expect.arrayContaining(['denied', 'not_found']));
  });

  test('the list shows each consent, the PR holders and the child’s age', async () => {
    const response = await get('hv', consentsUrl(ottoline));
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.ageYears).toBe(14);
    expect(body.canOverride).toBe(false);
    expect(body.parentalResponsibilityHolders).toEqual([{ relationshipId: ottolineMother, kind: 'mother', name: 'Rosamund Brackenbury' }]);
    expect(body.consents.map((c: { competenceBasis: string }) => c.competenceBasis).sort()).toEqual(['fraser', 'gillick']);
    expect((await get('designated', consentsUrl(ottoline))).json().canOverride).toBe(true);
  });
});

describe('sharing checks consent at the moment of sharing', () => {
  test('with consent: 201, the share row, a manual-share copy on the recipient team’s worklist, audited', async () => {
    const response = await post('hv', sharesUrl(ottoline), { eventIds: [ev.standard], recipientTeamId: camhsTeam });
    expect(response.statusCode, response.body).toBe(201);
    const { share } = response.json();
    expect(share).toMatchObject({ basis: 'consent', consentIds: [gillickConsentId], eventIds: [ev.standard], recipient: { teamId: camhsTeam, teamName: 'CAMHS east', organisationName: 'Testborough Minds Trust' } });
    const items = await handle.db.selectFrom('worklist_items').selectAll().where('child_id', '=', ottoline).where('team_id', '=', camhsTeam).execute();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: share.worklistItemIds[0], event_id: ev.standard, rule_id: 'manual-share', action: 'copy', priority: 'routine', acknowledged_at: null });
    expect(items[0]!.reason).toContain('share with a named service');
    expect(items[0]!.escalate_at).not.toBeNull();
    const row = await handle.db.selectFrom('shares').selectAll().where('child_id', '=', ottoline).where('id', '=', share.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ basis: 'consent', purpose: 'share_with_service', recipient_team_id: camhsTeam, recipient_organisation_id: camhsOrg, override_reason: null, shared_by: fx.users.hv!.id });
    expect((await auditRows('share.create', ottoline)).at(-1)).toMatchObject({ outcome: 'allowed', details: { shareId: share.id, basis: 'consent', consentIds: [gillickConsentId], recipientTeamId: camhsTeam, categories: ['standard'] } });
  });

  test('a consent naming the organisation covers each of its services; one naming a service covers only that one', async () => {
    const toSchoolNursing = await post('hv', sharesUrl(ottoline), { eventIds: [ev.standard], recipientTeamId: schoolNursingTeam });
    expect(toSchoolNursing.statusCode, toSchoolNursing.body).toBe(201);
    const narrow = await post('hv', consentsUrl(peregrine), { purpose: 'share_with_service', recipientOrganisationId: camhsOrg, recipientService: 'camhs', categories: ['standard'], givenBy: 'young_person', competenceBasis: 'aged_16_or_over', givenOn: '2026-11-26' });
    expect(narrow.statusCode).toBe(201);
  });

  test('without consent: 409 consent.required naming what is missing and with whom; the refusal is audited', async () => {
    const response = await post('hv', sharesUrl(ottoline), { eventIds: [ev.standard], recipientTeamId: otherOrgTeam });
    expect(response.statusCode).toBe(409);
    const { error } = response.json();
    expect(error.code).toBe('consent.required');
    expect(error.message).toContain('Standard');
    expect(error.message).toContain('Paediatrics ward (Testborough Hospital)');
    expect(error.message).toContain('the consent on record does not cover this');
    expect(error.formErrors).toEqual(['No consent to share Standard entries (standard)']);
    expect((await auditRows('share.create', ottoline)).at(-1)).toMatchObject({ outcome: 'failed', details: { reason: 'consent.required', consentRefusal: 'out_of_scope', missing: ['standard'] } });
    expect(await handle.db.selectFrom('worklist_items').select('id').where('team_id', '=', otherOrgTeam).execute()).toEqual([]);
  });

  test('a sharer cannot share entries they may not see (a health visitor and CAMHS therapy notes): 403', async () => {
    const response = await post('hv', sharesUrl(ottoline), { eventIds: [ev.camhs], recipientTeamId: camhsTeam });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('share.category_not_visible');
  });

  test('Fraser consent lets the sexual health practitioner share the sexual-health entry with CAMHS', async () => {
    const response = await post('sh', sharesUrl(ottoline), { eventIds: [ev.sexualHealth], recipientTeamId: camhsTeam });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().share.basis).toBe('consent');
  });

  test('withdrawal is effective at once: a minute after it, the same share is refused as withdrawn', async () => {
    nowIso = '2026-11-27T12:10:00Z';
    const withdraw = await post('hv', `${consentsUrl(ottoline)}/${gillickConsentId}/withdraw`, { reason: 'Ottoline changed her mind at the drop-in' });
    expect(withdraw.statusCode, withdraw.body).toBe(200);
    expect(withdraw.json().consent).toMatchObject({ status: 'withdrawn', withdrawn: { on: '2026-11-27', at: '2026-11-27T12:10:00.000Z', by: 'Test hv', reason: 'Ottoline changed her mind at the drop-in' } });
    expect((await auditRows('consent.withdraw', ottoline)).at(-1)).toMatchObject({ outcome: 'allowed', details: { consentId: gillickConsentId } });
    expect((await auditRows('consent.withdraw', ottoline)).at(-1)!.record).not.toContain('changed her mind');
    nowIso = '2026-11-27T12:11:00Z';
    const share = await post('hv', sharesUrl(ottoline), { eventIds: [ev.standard], recipientTeamId: camhsTeam });
    expect(share.statusCode).toBe(409);
    expect(share.json().error.message).toContain('consent was withdrawn');
    const decision = await get('hv', `${sharesUrl(ottoline)}/decision?eventIds=${ev.standard}&recipientTeamId=${camhsTeam}`);
    expect(decision.json()).toEqual({ allowed: false, reason: 'withdrawn', missing: [{ code: 'standard', label: 'Standard' }], consentIds: [], canOverride: false });
    const again = await post('hv', `${consentsUrl(ottoline)}/${gillickConsentId}/withdraw`, { reason: 'again' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('consent.already_withdrawn');
    expect((await post('hv', `${consentsUrl(ottoline)}/${randomUUID()}/withdraw`, { reason: 'x' })).statusCode).toBe(404);
  });

  test('an override attempt by a role without share: override is 403, and audited as share.override denied', async () => {
    const response = await post('hv', sharesUrl(ottoline), { eventIds: [ev.standard], recipientTeamId: camhsTeam, override: { reason: 'Child at risk of significant harm tonight' } });
    expect(response.statusCode).toBe(403);
    expect((await auditRows('share.override')).at(-1)).toMatchObject({ outcome: 'denied', details: { reason: 'role', requestedChildId: ottoline } });
  });

  test('an override without a reason is 400 naming override.reason', async () => {
    for (const override of [{}, { reason: '' }, { reason: 'urgent' }]) {
      const response = await post('designated', sharesUrl(ottoline), { eventIds: [ev.standard], recipientTeamId: camhsTeam, override });
      expect(response.statusCode).toBe(400);
      expect(Object.keys(response.json().error.fieldErrors)).toEqual(['override.reason']);
    }
  });

  test('a safeguarding override shares without consent: the reason is kept in the share row, audited as share.override without it', async () => {
    const reason = 'Disclosure of harm at home; strategy discussion today';
    const response = await post('designated', sharesUrl(ottoline), { eventIds: [ev.standard, ev.sexualHealth], recipientTeamId: otherOrgTeam, override: { reason } });
    expect(response.statusCode, response.body).toBe(201);
    const { share } = response.json();
    expect(share).toMatchObject({ basis: 'safeguarding_override', consentIds: [] });
    expect(share.worklistItemIds).toHaveLength(2);
    const row = await handle.db.selectFrom('shares').selectAll().where('child_id', '=', ottoline).where('id', '=', share.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ basis: 'safeguarding_override', override_reason: reason, recipient_team_id: otherOrgTeam });
    const [audit] = (await auditRows('share.override', ottoline)).filter((r) => r.outcome === 'allowed');
    expect(audit).toMatchObject({ details: { shareId: share.id, recipientTeamId: otherOrgTeam, missing: ['standard', 'sexual_health'], consentRefusal: 'out_of_scope' } });
    expect(audit!.record).not.toContain('strategy discussion');
    const items = await handle.db.selectFrom('worklist_items').select(['reason', 'rule_id']).where('team_id', '=', otherOrgTeam).execute();
    expect(items.every((i) => i.rule_id === 'manual-share' && i.reason.includes('safeguarding override'))).toBe(true);
    const list = (await get('designated', sharesUrl(ottoline))).json();
    expect(list.shares[0]).toMatchObject({ id: share.id, basis: 'safeguarding_override', overrideReason: reason, recipient: 'Paediatrics ward (Testborough Hospital)' });
  });

  test('an override offered when consent already allows the share is not used: the share rests on consent', async () => {
    const response = await post('designated', sharesUrl(peregrine), { eventIds: [ev.peregrineStandard], recipientTeamId: camhsTeam, override: { reason: 'Belt and braces, not needed' } });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().share.basis).toBe('consent');
  });

  test('a withdrawal committed while a share waited counts, even if its instant is later than the share’s (H-K1)', async () => {
    // The withdrawal's clock ran a second ahead of this share's: committed is committed.
    await handle.db.updateTable('consents').set({ withdrawn_on: '2026-11-27', withdrawn_at: new Date(new Date(nowIso).getTime() + 1000), withdrawn_by: fx.users.hv!.id, withdrawn_reason: 'test' }).where('child_id', '=', peregrine).execute();
    const response = await post('hv', sharesUrl(peregrine), { eventIds: [ev.peregrineStandard], recipientTeamId: camhsTeam });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toContain('consent was withdrawn');
  });

  test('recipient and entries are checked: neither team nor organisation, or an entry of another child, is 400 naming the field', async () => {
    expect(Object.keys((await post('hv', sharesUrl(ottoline), { eventIds: [ev.standard] })).json().error.fieldErrors)).toEqual(['recipientTeamId']);
    expect(Object.keys((await post('hv', sharesUrl(ottoline), { eventIds: [ev.peregrineStandard], recipientTeamId: camhsTeam })).json().error.fieldErrors)).toEqual(['eventIds']);
    expect(Object.keys((await post('hv', sharesUrl(ottoline), { eventIds: [ev.standard], recipientOrganisationId: camhsOrg })).json().error.fieldErrors)).toEqual(['recipientTeamId']);
    expect((await post('commissioner', sharesUrl(ottoline), { eventIds: [ev.standard], recipientTeamId: camhsTeam })).statusCode).toBe(403);
    expect((await post('hv-south', sharesUrl(ottoline), { eventIds: [ev.standard], recipientTeamId: camhsTeam })).statusCode).toBe(404);
  });

  test('share recipients: teams with their organisation, for roles that may share', async () => {
    const response = await get('hv', '/api/v1/share-recipients');
    expect(response.statusCode).toBe(200);
    expect(response.json().teams).toEqual(expect.arrayContaining([expect.objectContaining({ id: camhsTeam, kind: 'camhs', kindLabel: 'CAMHS', organisationName: 'Testborough Minds Trust' })]));
    expect((await get('commissioner', '/api/v1/share-recipients')).statusCode).toBe(403);
  });
});

describe('include in a report: confidential entries only with consent or an override', () => {
  const csvUrl = (childId: string, extra = '') => `/api/v1/children/${childId}/chronology.csv${extra}`;

  test('the chronology CSV keeps the content of non-standard entries out without an include-in-report consent: they are restricted rows, counted', async () => {
    const response = await get('designated', csvUrl(ottoline));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).toContain('Weight check at the clinic');
    expect(response.body).not.toContain('SECRET-SH');
    expect(response.body.match(/Restricted entry — ask [^,]*not included in reports without/g)).toHaveLength(2);
    expect(response.headers['x-clasp-omitted-without-consent']).toBe('2');
    expect((await auditRows('chronology.export', ottoline)).at(-1)).toMatchObject({ outcome: 'allowed', details: { omittedWithoutConsent: 2, override: false } });
  });

  test('an include-in-report consent for sexual health lets that category in (and only that one)', async () => {
    const consent = await post('sh', consentsUrl(ottoline), { purpose: 'include_in_report', categories: ['sexual_health'], givenBy: 'young_person', competenceBasis: 'fraser', givenOn: '2026-11-27' });
    expect(consent.statusCode, consent.body).toBe(201);
    const response = await get('designated', csvUrl(ottoline));
    expect(response.body).toContain('SECRET-SH');
    expect(response.body).not.toContain('SECRET-CAMHS');
    expect(response.headers['x-clasp-omitted-without-consent']).toBe('1');
    const print = await get('designated', `/api/v1/children/${ottoline}/chronology/print`);
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('SECRET-SH');
    expect(print.body).not.toContain('therapy session');
    expect(print.headers['x-clasp-omitted-without-consent']).toBe('1');
  });

  test('a report override: 403 without the permission, 400 without a reason, else every entry goes in and the override is recorded', async () => {
    const reason = encodeURIComponent('Conference tomorrow: CAMHS view needed');
    const hv = await get('hv', csvUrl(ottoline, `?override=1&reason=${reason}`));
    expect(hv.statusCode).toBe(403);
    expect((await auditRows('report.override')).at(-1)).toMatchObject({ outcome: 'denied', details: { report: 'chronology_csv' } });
    const noReason = await get('designated', csvUrl(ottoline, '?override=1'));
    expect(noReason.statusCode).toBe(400);
    expect(Object.keys(noReason.json().error.fieldErrors)).toEqual(['reason']);
    const response = await get('designated', csvUrl(ottoline, `?override=1&reason=${reason}`));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['x-clasp-omitted-without-consent']).toBe('0');
    // The designated nurse may not read CAMHS therapy notes: the entry is in, as "restricted — ask …".
    expect(response.body).toContain('Restricted entry — ask the child’s CAMHS practitioner');
    expect(response.body).not.toContain('SECRET-CAMHS');
    const [audit] = (await auditRows('report.override', ottoline)).filter((r) => r.outcome === 'allowed');
    expect(audit).toMatchObject({ details: { report: 'chronology_csv', eventIds: [ev.camhs], categories: ['camhs_therapy'] } });
    expect(audit!.record).not.toContain('CAMHS view needed');
    const row = await handle.db.selectFrom('shares').selectAll().where('child_id', '=', ottoline).where('report', '=', 'chronology_csv').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ purpose: 'include_in_report', basis: 'safeguarding_override', override_reason: 'Conference tomorrow: CAMHS view needed', event_ids: [ev.camhs] });
  });

  test('the GP conference report draft: left out without consent; with a PR holder’s consent the entry is in (redacted for the GP where GPs may not read it)', async () => {
    nowIso = '2026-11-27T12:20:00Z';
    const amelia = fx.children.amelia;
    await addEvent(amelia, 'SECRET-DV: disclosure to the health visitor', 'dv_disclosure', '2026-11-10T10:00:00Z');
    await addEvent(amelia, 'SECRET-SH-AMELIA: seen at clinic', 'sexual_health', '2026-11-11T10:00:00Z');
    const privateId = await addEvent(amelia, 'SECRET-PRIVATE: what she told the nurse', 'young_person_private', '2026-11-12T10:00:00Z');
    const privateConsent = await post('hv', consentsUrl(amelia), { purpose: 'include_in_report', categories: ['young_person_private'], givenBy: 'parental_responsibility', parentalResponsibilityRelationshipId: ameliaMother, givenOn: '2026-11-27' });
    expect(privateConsent.statusCode, privateConsent.body).toBe(201);
    const conference = await post('designated', `/api/v1/children/${amelia}/cp-conferences`, { kind: 'initial', conferenceAt: '2026-12-07T10:00:00Z', invitedServices: ['gp'] });
    expect(conference.statusCode, conference.body).toBe(201);
    const url = `/api/v1/children/${amelia}/cp-conferences/${conference.json().conferenceId}/gp-report-draft`;
    const draft = (await get('gp', url)).json();
    // The mother's include-in-report consent (recorded above) covers the DV disclosure; nothing covers sexual health.
    const dv = draft.chronology.find((e: { eventId: string; restricted: { category: string } | null }) => e.restricted?.category === 'dv_disclosure' || e.summary === 'SECRET-DV: disclosure to the health visitor');
    expect(dv).toBeDefined();
    expect(dv.summary).toBe('SECRET-DV: disclosure to the health visitor'); // GPs are entitled to DV disclosures (confidentiality.ts)
    expect(JSON.stringify(draft)).not.toContain('SECRET-SH-AMELIA');
    expect(draft.omittedWithoutConsent).toBe(1);
    // Consent lets an entry into the report; it does not let a GP read a category GPs may not see.
    expect(draft.chronology.find((e: { eventId: string }) => e.eventId === privateId)).toMatchObject({ summary: null, restricted: { category: 'young_person_private' } });
    expect(JSON.stringify(draft)).not.toContain('SECRET-PRIVATE');
    const withOverride = (await get('designated', `${url}?override=1&reason=${encodeURIComponent('Sexual exploitation concern for the conference')}`)).json();
    expect(JSON.stringify(withOverride)).toContain('SECRET-SH-AMELIA');
    expect(withOverride.omittedWithoutConsent).toBe(0);
    expect((await get('gp', `${url}?override=1&reason=${encodeURIComponent('Sexual exploitation concern')}`)).statusCode).toBe(403);
    expect((await auditRows('report.override', amelia)).filter((r) => r.outcome === 'allowed').at(-1)).toMatchObject({ details: { report: 'gp_report_draft', categories: ['sexual_health'] } });
  });
});
