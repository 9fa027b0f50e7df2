import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Ssda903Files } from '../../../domain/lac-import/ssda903.js';
import type { DatabaseHandle } from '../../db/database.js';
import type { AppError } from '../../shared/app-error.js';
import type { Actor } from '../../shared/actor.js';
import { fixedClock } from '../../shared/clock.js';
import { seedFixture } from '../../test/fixtures.js';
import { createTestDb } from '../../test/test-db.js';
import { HEALTH_ACTIVITY_AUDIT_ACTION, importHealthActivity } from './health-activity.usecases.js';
import { importSsda903 } from './ssda903.usecases.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

let handle: DatabaseHandle;
let fx: Awaited<ReturnType<typeof seedFixture>>;
const clock = fixedClock('2025-06-01T12:00:00Z');
const deps = () => ({ db: handle.db, clock });
const actorFor = (username: string): Actor => ({ userId: fx.users[username]!.id, username, role: fx.users[username]!.role, organisationId: fx.organisations.community, teamId: null, channel: 'api' });
const activityCount = async () => Number((await handle.db.selectFrom('health_activities').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const audits = () => handle.db.selectFrom('audit_events').selectAll().where('action', '=', HEALTH_ACTIVITY_AUDIT_ACTION).execute();

beforeAll(async () => {
  handle = await createTestDb();
  fx = await seedFixture(handle.db);
  const files: Record<string, string> = {};
  for (const name of ['header.csv', 'episodes.csv', 'reviews.csv', 'missing.csv', 'oc2.csv']) files[name] = fixture(`valid/${name}`);
  await importSsda903(deps(), { actor: null, files: files as Ssda903Files });
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

describe('importHealthActivity', () => {
  test('a role without the permission is refused (403) and audited', async () => {
    await expect(importHealthActivity(deps(), { actor: actorFor('gp'), fileName: 'activity.csv', text: fixture('health-activity.csv') })).rejects.toMatchObject({ statusCode: 403, code: 'auth.forbidden' });
    expect(await activityCount()).toBe(0);
    expect(await audits()).toEqual([expect.objectContaining({ outcome: 'denied', actor_id: fx.users.gp!.id })]);
  });

  test('an invalid file: 400 with every error by line and column, nothing written', async () => {
    const error = (await importHealthActivity(deps(), { actor: actorFor('lac'), fileName: 'health-activity-invalid.csv', text: fixture('health-activity-invalid.csv') }).catch((e: unknown) => e)) as AppError;
    expect(error.statusCode).toBe(400);
    expect(error.toBody().error).toEqual({
      code: 'health_activity.invalid',
      message: 'The health activity file contains 4 errors, so nothing was imported. Correct them and import again',
      formErrors: [
        'health-activity-invalid.csv:2:4 (rule result): result for health_assessment must be IHA or RHA, found "initial"',
        'health-activity-invalid.csv:3:1 (rule unknown_child): no child in CLASP has the LA child id 9999: import the SSDA903 return (or add the child) first',
        'health-activity-invalid.csv:4:3 (rule date_invalid): date must be a real date written YYYY-MM-DD, found "31/03/2025"',
        'health-activity-invalid.csv:5:4 (rule result): result for sdq must be the total difficulties score, a whole number from 0 to 40, found "45"',
      ],
    });
    expect(await activityCount()).toBe(0);
    expect((await audits()).filter((a) => a.outcome === 'failed')).toHaveLength(1);
  });

  test('a valid file adds each activity to the child found by LA child id, audited per child and once for the import', async () => {
    const before = await audits();
    const summary = await importHealthActivity(deps(), { actor: actorFor('lac'), fileName: 'health-activity.csv', text: fixture('health-activity.csv') });
    expect(summary).toEqual({ rows: 6, created: 6, unchanged: 0, children: 3 });
    const child = await handle.db.selectFrom('children').select('id').where('la_child_id', '=', '1001').executeTakeFirstOrThrow();
    const rows = await handle.db.selectFrom('health_activities').selectAll().where('child_id', '=', child.id).orderBy('activity_on').execute();
    expect(rows.map((r) => [r.activity, r.activity_on, r.result, r.source, r.source_key])).toEqual([
      ['health_assessment', '2022-04-20', 'IHA', 'Imported from previous system', 'import:1001:health_assessment:2022-04-20:IHA'],
      ['health_assessment', '2023-04-18', 'RHA', 'Imported from previous system', 'import:1001:health_assessment:2023-04-18:RHA'],
      ['dental_check', '2024-02-01', null, 'Imported from previous system', 'import:1001:dental_check:2024-02-01:'],
    ]);
    expect(rows[0]!.recorded_by).toBe(fx.users.lac!.id);
    const added = (await audits()).length - before.length;
    expect(added).toBe(4); // three children and the import
  });

  test('importing the same file again adds nothing', async () => {
    const summary = await importHealthActivity(deps(), { actor: null, fileName: 'health-activity.csv', text: fixture('health-activity.csv') });
    expect(summary).toEqual({ rows: 6, created: 0, unchanged: 6, children: 0 });
    expect(await activityCount()).toBe(6);
  });
});
