import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Ssda903Files } from '../../../domain/lac-import/ssda903.js';
import { verifyAuditChain } from '../../audit/audit.js';
import type { DatabaseHandle } from '../../db/database.js';
import { AppError } from '../../shared/app-error.js';
import type { Actor } from '../../shared/actor.js';
import { fixedClock } from '../../shared/clock.js';
import { seedFixture } from '../../test/fixtures.js';
import { createTestDb } from '../../test/test-db.js';
import { ImportValidationError } from './lac-import.errors.js';
import { importSsda903, SSDA903_AUDIT_ACTION } from './ssda903.usecases.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);
function readReturn(dir: string): Ssda903Files {
  const files: Record<string, string> = {};
  for (const name of ['header.csv', 'episodes.csv', 'reviews.csv', 'missing.csv', 'oc2.csv']) {
    try {
      files[name] = readFileSync(new URL(`${dir}/${name}`, FIXTURES), 'utf8');
    } catch {
      // optional file not in this fixture
    }
  }
  return files as Ssda903Files;
}

let handle: DatabaseHandle;
let fx: Awaited<ReturnType<typeof seedFixture>>;
const clock = fixedClock('2025-06-01T12:00:00Z');
const deps = () => ({ db: handle.db, clock });
const actorFor = (username: string, teamId: string | null = null): Actor => ({ userId: fx.users[username]!.id, username, role: fx.users[username]!.role, organisationId: fx.organisations.community, teamId, channel: 'api' });

async function count(table: 'children' | 'status_episodes' | 'lac_reviews' | 'missing_episodes' | 'child_identifiers' | 'child_names' | 'health_activities' | 'audit_events') {
  return Number((await handle.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}
async function dataCounts() {
  return { children: await count('children'), episodes: await count('status_episodes'), reviews: await count('lac_reviews'), missing: await count('missing_episodes'), identifiers: await count('child_identifiers'), names: await count('child_names') };
}
async function importAudits() {
  return handle.db.selectFrom('audit_events').selectAll().where('action', '=', SSDA903_AUDIT_ACTION).orderBy('chain_id').orderBy('seq').execute();
}
/** The import audit rows written after `before` (a list taken earlier): rows share one fixed-clock time. */
async function auditsSince(before: { chain_id: number; seq: string | number }[]) {
  const seen = new Set(before.map((a) => `${a.chain_id}:${a.seq}`));
  return (await importAudits()).filter((a) => !seen.has(`${a.chain_id}:${a.seq}`));
}
async function childByLaId(laChildId: string) {
  return handle.db.selectFrom('children').selectAll().where('la_child_id', '=', laChildId).executeTakeFirstOrThrow();
}
async function episodesOf(laChildId: string) {
  const child = await childByLaId(laChildId);
  return handle.db.selectFrom('status_episodes').selectAll().where('child_id', '=', child.id).orderBy('started_on').execute();
}

beforeAll(async () => {
  handle = await createTestDb();
  fx = await seedFixture(handle.db);
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

describe('importSsda903', () => {
  test('a role that may not record status episodes is refused (403), the refusal is audited, nothing is written', async () => {
    const before = await dataCounts();
    const attempt = importSsda903(deps(), { actor: actorFor('hv'), files: readReturn('valid') });
    await expect(attempt).rejects.toMatchObject({ code: 'auth.forbidden', statusCode: 403 });
    expect(await dataCounts()).toEqual(before);
    const [audit] = await importAudits();
    expect(audit).toMatchObject({ outcome: 'denied', actor_id: fx.users.hv!.id, child_id: null });
  });

  test('an invalid return: 400 listing every error as file:line:column (rule): message, and nothing written', async () => {
    const before = await dataCounts();
    const error = await importSsda903(deps(), { actor: actorFor('lac'), files: readReturn('invalid') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportValidationError);
    const body = (error as AppError).toBody();
    expect(body.error.code).toBe('ssda903.invalid');
    expect((error as AppError).statusCode).toBe(400);
    expect(body.error.message).toBe('The SSDA903 files contain 3 errors, so nothing was imported. Correct them and import again');
    expect(body.error.formErrors).toEqual([
      'header.csv:3:2 (rule 101): SEX must be 1 (male) or 2 (female), found "3"',
      'episodes.csv:4:3 (rule 357): the first episode for child 1002 must start with RNE S (started to be looked after), found P; if an episode immediately before it is missing from the file, add it',
      'episodes.csv:5:1 (rule child_not_in_header): child 1003 is not in header.csv: every child in episodes.csv must have a row in header.csv',
    ]);
    expect(await dataCounts()).toEqual(before);
    const failed = (await importAudits()).filter((a) => a.outcome === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ actor_id: fx.users.lac!.id, child_id: null });
    expect(JSON.parse(failed[0]!.record).details).toEqual({ reason: 'invalid', errors: 3 });
  });

  test('a valid return creates the children and their episodes, reviews and missing periods; OC2 is checked, not stored', async () => {
    const before = await dataCounts();
    const auditsBefore = await importAudits();
    const vocabulary = async () => (await sql<{ name: string }>`SELECT name FROM name_vocabulary`.execute(handle.db)).rows.map((r) => r.name);
    const vocabularyBefore = await vocabulary();
    const summary = await importSsda903(deps(), { actor: actorFor('lac'), files: readReturn('valid') });
    // One placeholder name for every new child: the search vocabulary gains two entries, not one per child.
    expect((await vocabulary()).filter((name) => !vocabularyBefore.includes(name)).sort()).toEqual(['unknown', 'unknown (ssda903)']);
    expect(summary).toEqual({
      children: { created: 5, updated: 0, unchanged: 0 },
      episodes: { created: 11, updated: 0, unchanged: 0, deleted: 0 },
      reviews: { created: 4, updated: 0, unchanged: 0 },
      missing: { created: 2, updated: 0, unchanged: 0 },
      oc2: { rows: 2, stored: 0 },
    });
    const after = await dataCounts();
    expect(after.children - before.children).toBe(5);
    expect(after.episodes - before.episodes).toBe(11);
    expect(after.reviews - before.reviews).toBe(4);
    expect(after.missing - before.missing).toBe(2);
    expect(after.identifiers - before.identifiers).toBe(4); // four real UPNs; 1002 has UN1
    expect(after.names).toBe(before.names); // no name history for placeholder names
    expect(await count('health_activities')).toBe(0);

    const child = await childByLaId('1003');
    expect(child).toMatchObject({ given_name: 'Unknown', family_name: 'Unknown (SSDA903)', la_child_id: '1003', nhs_number: null, sex: 'female', date_of_birth: '2008-11-05', ethnicity: 'BAFR' });
    const upn = await handle.db.selectFrom('child_identifiers').selectAll().where('child_id', '=', child.id).executeTakeFirstOrThrow();
    expect(upn).toMatchObject({ kind: 'upn', value: 'B123456789012', issuer: 'SSDA903 return' });

    // Two periods of care for 1003; a chain of X1 episodes, with a temporary placement, for 1004.
    expect((await episodesOf('1003')).map((e) => [e.started_on, e.ended_on, e.reason_new_episode, e.reason_ceased])).toEqual([
      ['2023-02-03', '2023-10-10', 'S', 'E4A'],
      ['2024-02-01', null, 'S', null],
    ]);
    const chain = await episodesOf('1004');
    expect(chain.map((e) => [e.started_on, e.ended_on, e.placement_type, e.reason_ceased])).toEqual([
      ['2021-06-14', '2024-03-01', 'U4', 'X1'],
      ['2024-03-01', '2024-06-01', 'U5', 'X1'],
      ['2024-06-01', '2024-06-10', 'T3', 'X1'],
      ['2024-06-10', null, 'U5', null],
    ]);
    expect(chain[0]).toMatchObject({
      kind: 'looked_after',
      source: 'SSDA903 return',
      source_key: 'ssda903:2021-06-14',
      legal_status: 'C2',
      category_of_need: 'N1',
      placement_provider: 'PR1',
      reason_place_change: 'ALLEG',
      home_postcode: 'OU1 1',
      placement_postcode: 'OU1 9',
      urn: 'SC100004',
      recorded_by: fx.users.lac!.id,
    });
    const reviews = await handle.db.selectFrom('lac_reviews').selectAll().where('child_id', '=', (await childByLaId('1001')).id).orderBy('review_on').execute();
    expect(reviews.map((r) => [r.review_on, r.review_code, r.source_key])).toEqual([
      ['2022-04-28', 'PN1', 'ssda903:review:2022-04-28'],
      ['2022-10-20', 'PN3', 'ssda903:review:2022-10-20'],
    ]);
    const missing = await handle.db.selectFrom('missing_episodes').selectAll().where('child_id', '=', child.id).execute();
    expect(missing).toEqual([expect.objectContaining({ kind: 'A', started_on: '2023-05-12', ended_on: '2023-05-13', source_key: 'ssda903:missing:2023-05-12' })]);

    // One audit row per child created, counts only, plus one for the import.
    const audits = await auditsSince(auditsBefore);
    expect(audits).toHaveLength(6);
    const perChild = audits.filter((a) => a.child_id !== null);
    expect(perChild).toHaveLength(5);
    expect(JSON.parse(perChild.find((a) => a.child_id === child.id)!.record).details).toEqual({ change: 'created', episodesCreated: 2, missingCreated: 1 });
    const summaryRow = audits.find((a) => a.child_id === null)!;
    expect(summaryRow).toMatchObject({ outcome: 'allowed', actor_id: fx.users.lac!.id });
    expect(JSON.parse(summaryRow.record).details).toMatchObject({ files: ['header.csv', 'episodes.csv', 'reviews.csv', 'missing.csv', 'oc2.csv'], children: { created: 5, updated: 0, unchanged: 0 } });
    expect((await verifyAuditChain(handle.db)).ok).toBe(true);
  });

  test('the LAC nurse can then see an imported looked-after child (scope follows the open episode)', async () => {
    const { findChildWithRelationships } = await import('../children/children.repository.js');
    const found = await findChildWithRelationships(handle.db, { childId: (await childByLaId('1004')).id, actor: actorFor('lac', fx.teams.lacTeam), at: { today: clock.today(), now: clock.now() } });
    expect(found?.relationships.lookedAfterOrCareLeaver).toBe(true);
  });

  test('importing the same files again changes nothing: all unchanged, and only the import’s own audit row', async () => {
    const before = await dataCounts();
    const episodesBefore = await handle.db.selectFrom('status_episodes').selectAll().orderBy('child_id').orderBy('id').execute();
    const auditsBefore = await importAudits();
    const summary = await importSsda903(deps(), { actor: null, files: readReturn('valid') });
    expect(summary).toEqual({
      children: { created: 0, updated: 0, unchanged: 5 },
      episodes: { created: 0, updated: 0, unchanged: 11, deleted: 0 },
      reviews: { created: 0, updated: 0, unchanged: 4 },
      missing: { created: 0, updated: 0, unchanged: 2 },
      oc2: { rows: 2, stored: 0 },
    });
    expect(await dataCounts()).toEqual(before);
    expect(await handle.db.selectFrom('status_episodes').selectAll().orderBy('child_id').orderBy('id').execute()).toEqual(episodesBefore);
    const audits = await auditsSince(auditsBefore);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ child_id: null, actor_id: null, outcome: 'allowed' });
  });

  test('a second return: a placement move updates the episode and adds one, a withdrawn episode is deleted, details are updated', async () => {
    const auditsBefore = await importAudits();
    const summary = await importSsda903(deps(), { actor: actorFor('lac'), files: readReturn('second-return') });
    expect(summary).toEqual({
      children: { created: 0, updated: 3, unchanged: 2 },
      episodes: { created: 1, updated: 2, unchanged: 8, deleted: 1 },
      reviews: { created: 0, updated: 0, unchanged: 4 },
      missing: { created: 0, updated: 0, unchanged: 2 },
      oc2: { rows: 2, stored: 0 },
    });
    // 1005 moved from home (P1) to foster care on 1 February 2025.
    expect((await episodesOf('1005')).map((e) => [e.started_on, e.ended_on, e.placement_type, e.placement_provider, e.reason_ceased, e.reason_place_change, e.urn])).toEqual([
      ['2024-09-01', '2025-02-01', 'P1', 'PR0', 'X1', 'CARPL', null],
      ['2025-02-01', null, 'U6', 'PR1', null, null, 'SC400001'],
    ]);
    // 1002's change of legal status was withdrawn: one open episode again.
    expect((await episodesOf('1002')).map((e) => [e.started_on, e.ended_on, e.legal_status])).toEqual([['2024-01-10', null, 'C1']]);
    expect((await childByLaId('1001')).ethnicity).toBe('WIRI');

    const audits = await auditsSince(auditsBefore);
    const details = Object.fromEntries(await Promise.all(audits.filter((a) => a.child_id).map(async (a) => [(await handle.db.selectFrom('children').select('la_child_id').where('id', '=', a.child_id!).executeTakeFirstOrThrow()).la_child_id, JSON.parse(a.record).details])));
    expect(details).toEqual({
      '1001': { change: 'updated', detailsChanged: true },
      '1002': { change: 'updated', episodesUpdated: 1, episodesDeleted: 1 },
      '1005': { change: 'updated', episodesCreated: 1, episodesUpdated: 1 },
    });
  });

  test('a UPN that changes updates the identifier; UN1–UN5 remove it', async () => {
    const files = readReturn('second-return');
    files['header.csv'] = files['header.csv'].replace('1003,2,05/11/2008,BAFR,B123456789012', '1003,2,05/11/2008,BAFR,B123456789099').replace('1005,2,02/02/2017,APKN,D123456789012', '1005,2,02/02/2017,APKN,UN5');
    const summary = await importSsda903(deps(), { actor: null, files });
    expect(summary.children).toEqual({ created: 0, updated: 2, unchanged: 3 });
    const upns = async (laChildId: string) => (await handle.db.selectFrom('child_identifiers').select('value').where('child_id', '=', (await childByLaId(laChildId)).id).where('kind', '=', 'upn').execute()).map((r) => r.value);
    expect(await upns('1003')).toEqual(['B123456789099']);
    expect(await upns('1005')).toEqual([]);
  });

  test('a later return that starts with a continuation of an episode CLASP already holds keeps the earlier history', async () => {
    const files = readReturn('second-return');
    // Next year's return: 1001's S episode (ended X1 on 15/09/2023) is no longer in the file.
    files['episodes.csv'] = files['episodes.csv'].replace('1001,01/04/2022,S,C2,N1,U4,PR1,15/09/2023,X1,CARPL,OU1 4,OU2 7,SC100001\n', '');
    files['reviews.csv'] = files['reviews.csv'].replace(/1001,12\/03\/2012,2[08]\/\d\d\/2022,PN\d\n/g, '');
    const summary = await importSsda903(deps(), { actor: null, files });
    expect(summary.episodes).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    expect((await episodesOf('1001')).map((e) => e.started_on)).toEqual(['2022-04-01', '2023-09-15']);
  });

  test('a child already known to CLASP by LA child id is updated, never duplicated, and keeps its real names', async () => {
    await handle.db.updateTable('children').set({ given_name: 'Cressida', family_name: 'Marrowby', la_child_id: '7001' }).where('id', '=', fx.children.cressida).execute();
    const files: Ssda903Files = {
      'header.csv': 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n7001,2,30/11/2012,WBRI,E123456789012,0,\n',
      'episodes.csv': 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n7001,10/02/2024,S,C2,N1,U4,PR1,,,,OU1 1,OU3 3,SC555555\n',
    };
    const childrenBefore = await count('children');
    const summary = await importSsda903(deps(), { actor: null, files });
    expect(summary.children).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(await count('children')).toBe(childrenBefore);
    expect(await childByLaId('7001')).toMatchObject({ id: fx.children.cressida, given_name: 'Cressida', family_name: 'Marrowby', sex: 'female' });
    const episodes = await episodesOf('7001');
    expect(episodes.filter((e) => e.source === 'SSDA903 return')).toHaveLength(1);
    expect(episodes.filter((e) => e.source === 'test')).toHaveLength(1); // the episode recorded by hand is left alone
  });

  test('the audit chain is intact after every import', async () => {
    expect((await verifyAuditChain(handle.db)).ok).toBe(true);
  });
});
