import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../app.js';
import type { DatabaseHandle } from '../../db/database.js';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb } from '../../test/test-db.js';
import { seedFixture, signIn, type SignedIn } from '../../test/fixtures.js';
import { verifyAuditChain } from '../../audit/audit.js';

let handle: DatabaseHandle;
let app: FastifyInstance;
let fx: Awaited<ReturnType<typeof seedFixture>>;
const as: Record<string, SignedIn> = {};

beforeAll(async () => {
  handle = await createTestDb();
  fx = await seedFixture(handle.db);
  app = await buildApp({ db: handle.db, clock: fixedClock('2026-11-27T12:00:00Z') });
  for (const name of ['hv', 'hv-south', 'gp', 'gp-b', 'ed', 'lac', 'designated', 'commissioner', 'sh']) as[name] = await signIn(app, name);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: as[who]!.headers });
const post = (who: string, url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: as[who]!.headers, payload: payload as object });

async function lastAudit(action: string) {
  return handle.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('logged_order', 'desc').executeTakeFirstOrThrow();
}
async function countChildren() {
  return Number((await handle.db.selectFrom('children').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

describe('GET /api/v1/children/:childId — scope is enforced in the data layer', () => {
  test('a health visitor reads a child on her caseload, with the CP plan flag first, and the read is audited', async () => {
    const response = await get('hv', `/api/v1/children/${fx.children.amelia}`);
    expect(response.statusCode).toBe(200);
    const { child } = response.json();
    expect(child.nhsNumberFormatted).toBe('943 476 5919');
    expect(child.flags[0]).toMatchObject({ code: 'child_protection_plan', detail: 'Category: Neglect' });
    expect(child.accessBasis).toBe('own_caseload');
    const audit = await lastAudit('child.read');
    expect(audit).toMatchObject({ outcome: 'allowed', child_id: fx.children.amelia, actor_id: fx.users.hv!.id });
  });

  test('a child outside the user\'s scope is a 404 identical to a missing child, and the denial is audited', async () => {
    const outOfScope = await get('hv-south', `/api/v1/children/${fx.children.amelia}`);
    const missing = await get('hv-south', '/api/v1/children/00000000-0000-4000-8000-000000000000');
    expect(outOfScope.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(outOfScope.json()).toEqual(missing.json());
    expect(outOfScope.json().error.code).toBe('children.not_found');
    const audits = await handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'child.read').where('outcome', '=', 'not_found').where('actor_id', '=', fx.users['hv-south']!.id).execute();
    expect(audits).toHaveLength(2);
  });

  test('a role without the action gets 403 (commissioners see no child records)', async () => {
    const response = await get('commissioner', `/api/v1/children/${fx.children.amelia}`);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('auth.forbidden');
    expect(await lastAudit('child.read')).toMatchObject({ outcome: 'denied', actor_id: fx.users.commissioner!.id });
  });

  test('GPs see children registered at their own practice only', async () => {
    expect((await get('gp', `/api/v1/children/${fx.children.cressida}`)).statusCode).toBe(200);
    expect((await get('gp-b', `/api/v1/children/${fx.children.cressida}`)).statusCode).toBe(404);
    expect((await get('gp-b', `/api/v1/children/${fx.children.barnaby}`)).statusCode).toBe(200);
  });

  test('the LAC nurse sees looked-after children wherever they are placed', async () => {
    const response = await get('lac', `/api/v1/children/${fx.children.cressida}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().child.flags[0]).toMatchObject({ code: 'looked_after' });
    expect(response.json().child.flags[0].detail).toContain('placed out of area');
    expect((await get('lac', `/api/v1/children/${fx.children.amelia}`)).statusCode).toBe(404);
  });

  test('the household shows siblings, linking only those in the reader\'s scope', async () => {
    const { child } = (await get('hv', `/api/v1/children/${fx.children.amelia}`)).json();
    const dorian = child.relationships.find((r: { name: string }) => r.name === 'Dorian Quillfeather');
    const barnaby = child.relationships.find((r: { name: string }) => r.name === 'Barnaby Thistlewood');
    expect(dorian).toMatchObject({ relatedChildInScope: true, relatedChildId: fx.children.dorian, flags: ['Child in need plan'] });
    expect(barnaby).toMatchObject({ relatedChildInScope: false, relatedChildId: null, flags: [] });
  });

  test('ED sees a child only once an attendance is recorded, and recording it is audited', async () => {
    expect((await get('ed', `/api/v1/children/${fx.children.barnaby}`)).statusCode).toBe(404);
    const attend = await post('ed', `/api/v1/children/${fx.children.barnaby}/presentations`, { reason: 'Fall from climbing frame' });
    expect(attend.statusCode).toBe(201);
    expect(attend.json().child.accessBasis).toBe('presenting');
    expect(await lastAudit('presentation.create')).toMatchObject({ outcome: 'allowed', child_id: fx.children.barnaby });
    expect((await get('ed', `/api/v1/children/${fx.children.barnaby}`)).statusCode).toBe(200);
    expect((await post('hv', `/api/v1/children/${fx.children.barnaby}/presentations`, { reason: 'x y z' })).statusCode).toBe(403);
  });

  test('no session is a 401 and a write without the CSRF token is a 403', async () => {
    expect((await app.inject({ method: 'GET', url: `/api/v1/children/${fx.children.amelia}` })).json().error.code).toBe('auth.no_session');
    const noCsrf = await app.inject({ method: 'POST', url: `/api/v1/children/${fx.children.amelia}/flags`, headers: { cookie: as.hv!.cookie }, payload: {} });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('auth.csrf');
  });
});

describe('GET /api/v1/children — search', () => {
  test('a misspelt name finds the child by trigram similarity, within scope only', async () => {
    const response = await get('hv', '/api/v1/children?name=Quilfeather');
    expect(response.statusCode).toBe(200);
    const names = response.json().results.map((r: { givenName: string }) => r.givenName);
    expect(names).toEqual(expect.arrayContaining(['Amelia', 'Dorian']));
    expect(names).not.toContain('Barnaby');
    expect((await get('hv-south', '/api/v1/children?name=Quillfeather')).json().results).toEqual([]);
  });

  test('search by NHS number accepts spaces and by date of birth', async () => {
    const byNhs = await get('hv', '/api/v1/children?nhsNumber=943%20476%205919');
    expect(byNhs.json().results).toHaveLength(1);
    expect(byNhs.json().results[0].flags[0].code).toBe('child_protection_plan');
    const byDob = await get('hv', '/api/v1/children?dateOfBirth=2021-01-20');
    expect(byDob.json().results.map((r: { id: string }) => r.id)).toEqual([fx.children.dorian]);
  });

  test('unscheduled care identifies any child but sees no flags until an attendance is recorded', async () => {
    const response = await get('ed', '/api/v1/children?nhsNumber=9876543210');
    expect(response.json().results).toEqual([expect.objectContaining({ id: fx.children.cressida, inScope: false, flags: [] })]);
  });

  test('bad search input names the field', async () => {
    const response = await get('hv', '/api/v1/children?nhsNumber=1111111111');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fieldErrors.nhsNumber[0]).toMatch(/placeholder/);
    expect((await get('hv', '/api/v1/children')).json().error.code).toBe('validation.invalid');
  });
});

describe('GET /api/v1/flags — CP-IS style lookup by NHS number', () => {
  test('the ED sees flags for any child; the lookup is audited', async () => {
    const response = await get('ed', '/api/v1/flags?nhsNumber=9434765919');
    expect(response.statusCode).toBe(200);
    expect(response.json().flags.map((f: { code: string }) => f.code)).toEqual(['child_protection_plan']);
    expect(response.json().responsibleLocalAuthority.name).toBe('Testborough Council');
    expect(await lastAudit('flag.lookup')).toMatchObject({ outcome: 'allowed', child_id: fx.children.amelia });
  });
  test('others only in scope (404 otherwise); a bad check digit is a 400', async () => {
    expect((await get('gp-b', '/api/v1/flags?nhsNumber=9434765919')).statusCode).toBe(404);
    const bad = await get('ed', '/api/v1/flags?nhsNumber=9434765918');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fieldErrors.nhsNumber).toBeDefined();
  });
});

describe('POST /api/v1/children — bad input writes nothing', () => {
  const valid = { givenName: 'Ottoline', familyName: 'Brackenridge', dateOfBirth: '2024-05-05', sex: 'female', ethnicity: 'WBRI' };

  test.each([
    ['an invalid NHS number', { ...valid, nhsNumber: '9434765918' }, 'nhsNumber'],
    ['an impossible date', { ...valid, dateOfBirth: '2023-02-29' }, 'dateOfBirth'],
    ['an unknown ethnicity code', { ...valid, ethnicity: 'XXXX' }, 'ethnicity'],
    ['a missing family name', { ...valid, familyName: '' }, 'familyName'],
    ['a date of birth in the future', { ...valid, dateOfBirth: '2027-01-01' }, 'dateOfBirth'],
    ['a bad postcode', { ...valid, address: { line1: '1 Lane', postcode: 'NOPE', validFrom: '2024-05-05' } }, 'address.postcode'],
    ['an unknown GP practice', { ...valid, registeredPracticeId: '00000000-0000-4000-8000-000000000000' }, 'registeredPracticeId'],
  ])('%s is a 400 naming the field', async (_, payload, field) => {
    const before = await countChildren();
    const response = await post('hv', '/api/v1/children', payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fieldErrors[field]).toBeDefined();
    expect(await countChildren()).toBe(before);
  });

  test('malformed JSON and oversized bodies are refused with the one error shape', async () => {
    const malformed = await app.inject({ method: 'POST', url: '/api/v1/children', headers: { ...as.hv!.headers, 'content-type': 'application/json' }, payload: '{"givenName": ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('request.malformed_json');
    const huge = await app.inject({ method: 'POST', url: '/api/v1/children', headers: { ...as.hv!.headers, 'content-type': 'application/json' }, payload: JSON.stringify({ ...valid, placementArea: 'x'.repeat(2_000_000) }) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('request.too_large');
  });

  test('a valid child is created on the creator\'s caseload, and audited', async () => {
    const response = await post('hv', '/api/v1/children', { ...valid, nhsNumber: '123 456 7881', address: { line1: '4 Heron Row', town: 'Testborough', postcode: 'mk40 1aa', validFrom: '2024-05-05' } });
    expect(response.statusCode).toBe(201);
    const { child } = response.json();
    expect(child).toMatchObject({ nhsNumber: '1234567881', givenName: 'Ottoline', accessBasis: 'own_caseload' });
    expect(child.addresses[0].postcode).toBe('MK40 1AA');
    expect(await lastAudit('child.create')).toMatchObject({ outcome: 'allowed', child_id: child.id });
  });

  test('an existing NHS number is a 409, never a second record', async () => {
    const before = await countChildren();
    const response = await post('hv', '/api/v1/children', { ...valid, givenName: 'Someone', familyName: 'Else', nhsNumber: '9434765919' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('children.nhs_number_taken');
    expect(await countChildren()).toBe(before);
  });

  test('a similar name and the same date of birth are shown as possible duplicates and need confirmation', async () => {
    const candidate = { givenName: 'Amelia', familyName: 'Quilfeather', dateOfBirth: '2023-03-14', sex: 'female' };
    const check = await post('hv-south', '/api/v1/children/duplicate-check', candidate);
    expect(check.json().possibleDuplicates).toEqual([expect.objectContaining({ inScope: false, childId: null, displayName: 'A. Q.', dateOfBirth: '2023-03-14' })]);
    const refused = await post('hv-south', '/api/v1/children', candidate);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('children.possible_duplicates');
    const confirmed = await post('hv-south', '/api/v1/children', { ...candidate, confirmedNotDuplicate: true });
    expect(confirmed.statusCode).toBe(201);
    expect(confirmed.json().possibleDuplicates).toHaveLength(1);
  });
});

describe('status episodes and flags', () => {
  test('adding a CP plan derives the flag; ending it leaves "in the last 12 months"', async () => {
    const add = await post('designated', `/api/v1/children/${fx.children.barnaby}/status-episodes`, { kind: 'child_protection', startedOn: '2026-09-01', cpCategory: 'physical', source: 'Initial child protection conference' });
    expect(add.statusCode).toBe(201);
    const episode = add.json().child.episodes.find((e: { kind: string }) => e.kind === 'child_protection');
    expect(add.json().child.flags[0].code).toBe('child_protection_plan');
    const end = await app.inject({ method: 'PATCH', url: `/api/v1/children/${fx.children.barnaby}/status-episodes/${episode.id}`, headers: as.designated!.headers, payload: { endedOn: '2026-11-01' } });
    expect(end.statusCode).toBe(200);
    expect(end.json().child.flags.map((f: { code: string }) => f.code)).toContain('previous_child_protection_plan');
  });

  test('a CP plan needs its category, and a health visitor may not record status episodes (403)', async () => {
    const missing = await post('designated', `/api/v1/children/${fx.children.barnaby}/status-episodes`, { kind: 'child_protection', startedOn: '2026-09-01', source: 'ICPC' });
    expect(missing.json().error.fieldErrors.cpCategory).toBeDefined();
    const hv = await post('hv', `/api/v1/children/${fx.children.amelia}/status-episodes`, { kind: 'early_help', startedOn: '2026-09-01', source: 'TAC' });
    expect(hv.statusCode).toBe(403);
  });

  test('a manual alert carries provenance, review date and a disclosure decision with a reason when not disclosed', async () => {
    const noReason = await post('hv', `/api/v1/children/${fx.children.amelia}/flags`, { kind: 'fgm_risk', source: 'Maternity booking', reviewOn: '2027-05-01', disclosureDecision: 'not_disclosed' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fieldErrors.disclosureReason).toBeDefined();
    const ok = await post('hv', `/api/v1/children/${fx.children.amelia}/flags`, { kind: 'fgm_risk', source: 'Maternity booking', reviewOn: '2027-05-01', disclosureDecision: 'not_disclosed', disclosureReason: 'Telling the family could increase risk' });
    expect(ok.statusCode).toBe(201);
    const manual = ok.json().child.manualFlags[0];
    expect(manual).toMatchObject({ kind: 'fgm_risk', recordedBy: 'Test hv', reviewOn: '2027-05-01', disclosureDecision: 'not_disclosed' });
    expect(ok.json().child.flags.map((f: { code: string }) => f.code)).toEqual(['child_protection_plan', 'fgm_risk']);
  });

  test('a refused write is audited as failed and writes nothing', async () => {
    const response = await post('hv', `/api/v1/children/${fx.children.amelia}/flags`, { kind: 'marac', source: 'MARAC', reviewOn: '2026-01-01', disclosureDecision: 'disclosed' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fieldErrors.reviewOn).toBeDefined();
    expect(await lastAudit('flag.create')).toMatchObject({ outcome: 'failed' });
    const marac = await handle.db.selectFrom('manual_flags').selectAll().where('kind', '=', 'marac').execute();
    expect(marac).toHaveLength(0);
  });
});

describe('birth: the unborn record becomes the child\'s own record', () => {
  test('the pre-birth CP plan, caseload and links carry over', async () => {
    const unborn = await get('hv', `/api/v1/children/${fx.children.unborn}`);
    expect(unborn.json().child.flags[0].code).toBe('unborn_child_protection_plan');
    const born = await post('hv', `/api/v1/children/${fx.children.unborn}/birth`, { givenName: 'Posy', familyName: 'Quillfeather', dateOfBirth: '2026-11-20', sex: 'female' });
    expect(born.statusCode).toBe(201);
    const { child } = born.json();
    expect(child).toMatchObject({ givenName: 'Posy', isUnborn: false, unbornRecordId: fx.children.unborn, accessBasis: 'own_caseload' });
    expect(child.flags[0]).toMatchObject({ code: 'child_protection_plan', since: '2026-11-20' });
    const again = await post('hv', `/api/v1/children/${fx.children.unborn}/birth`, { givenName: 'Posy', familyName: 'Quillfeather', dateOfBirth: '2026-11-20', sex: 'female' });
    expect(again.statusCode).toBe(409);
  });
});

describe('GET /api/v1/cohorts/practice', () => {
  test('lists every registered child who is looked after, on a CP plan or a CIN plan', async () => {
    const response = await get('gp', '/api/v1/cohorts/practice');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.practice.name).toBe('Quillfeather Surgery');
    expect(body.counts).toMatchObject({ lookedAfter: 1, childInNeed: 1 });
    expect(body.counts.childProtection).toBeGreaterThanOrEqual(1);
    expect(body.children.map((c: { givenName: string }) => c.givenName)).toEqual(expect.arrayContaining(['Amelia', 'Cressida', 'Dorian']));
    expect((await get('hv', '/api/v1/cohorts/practice')).statusCode).toBe(403);
  });
});

describe('audit chain', () => {
  test('after all of the above the chain verifies', async () => {
    const result = await verifyAuditChain(handle.db);
    expect(result.ok).toBe(true);
    expect(result.rowsChecked).toBeGreaterThan(30);
  });
});

describe('PATCH /api/v1/children/:childId', () => {
  test('changes the registered practice (moving the child out of the old GP\'s cohort), audited', async () => {
    const response = await app.inject({ method: 'PATCH', url: `/api/v1/children/${fx.children.barnaby}`, headers: as.designated!.headers, payload: { registeredPracticeId: fx.organisations.practiceA, schoolId: null } });
    expect(response.statusCode).toBe(200);
    expect(response.json().child.registeredPractice.name).toBe('Quillfeather Surgery');
    expect(response.json().child.school).toBeNull();
    expect(await lastAudit('child.update')).toMatchObject({ outcome: 'allowed', child_id: fx.children.barnaby });
    expect((await get('gp-b', `/api/v1/children/${fx.children.barnaby}`)).statusCode).toBe(404);
  });
  test('a school given as the GP practice is refused, naming the field', async () => {
    const response = await app.inject({ method: 'PATCH', url: `/api/v1/children/${fx.children.barnaby}`, headers: as.designated!.headers, payload: { registeredPracticeId: fx.organisations.school } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fieldErrors.registeredPracticeId).toBeDefined();
  });
});
