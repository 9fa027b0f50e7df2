import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DatabaseHandle } from '../../db/database.js';
import type { AppError } from '../../shared/app-error.js';
import type { Actor } from '../../shared/actor.js';
import { fixedClock } from '../../shared/clock.js';
import { seedFixture } from '../../test/fixtures.js';
import { createTestDb } from '../../test/test-db.js';
import { EVENT_IMPORT_AUDIT_ACTION, importEventFeed } from './events-import.usecases.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const clock = fixedClock('2026-11-27T12:00:00Z');

let handle: DatabaseHandle;
let fx: Awaited<ReturnType<typeof seedFixture>>;
let liaison: Actor;
const deps = () => ({ db: handle.db, clock });
const actorFor = (username: string): Actor => ({ userId: fx.users[username]!.id, username, role: fx.users[username]!.role, organisationId: fx.organisations.community, teamId: null, channel: 'api' });
const count = async (table: 'child_events' | 'worklist_items') => Number((await handle.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const audits = () => handle.db.selectFrom('audit_events').selectAll().where('action', '=', EVENT_IMPORT_AUDIT_ACTION).execute();
const run = (text: string, overrides: Partial<Parameters<typeof importEventFeed>[1]> = {}) =>
  importEventFeed(deps(), { actor: liaison, feed: 'ed-attendance', sourceSystem: 'TESTBOROUGH-ED', fileName: 'ed.csv', text, ...overrides });
const failure = async (promise: Promise<unknown>) => (await promise.then(() => null, (e: unknown) => e)) as AppError & { errors: unknown[] };

const ED_HEADER = 'source_id,nhs_number,occurred_at,presenting_complaint,accompanied_by,parental_responsibility,injury,discharge,safeguarding_concern';
const ed = (...rows: string[]) => `${ED_HEADER}\n${rows.join('\n')}\n`;

beforeAll(async () => {
  handle = await createTestDb();
  fx = await seedFixture(handle.db);
  // The paediatric liaison nurse at the hospital sends the ED feed (role data: 'import' on safeguarding_event).
  const id = randomUUID();
  const hash = (await handle.db.selectFrom('users').select('password_hash').where('username', '=', 'ed').executeTakeFirstOrThrow()).password_hash;
  await handle.db.insertInto('users').values({ id, username: 'pln', display_name: 'Test pln', password_hash: hash, role_id: 'paediatric_liaison_nurse', organisation_id: fx.organisations.hospital, team_id: fx.teams.edTeam, locked_until: null }).execute();
  liaison = { userId: id, username: 'pln', role: 'paediatric_liaison_nurse', organisationId: fx.organisations.hospital, teamId: fx.teams.edTeam, channel: 'api' };
}, 180_000);
afterAll(async () => {
  await handle?.close();
});

describe('importEventFeed: refusals and bad input write nothing', () => {
  test('a role without the import action is refused (403) and the refusal audited', async () => {
    const error = await failure(run(fixture('ed-attendance.csv'), { actor: actorFor('gp') }));
    expect(error).toMatchObject({ statusCode: 403, code: 'auth.forbidden' });
    expect(await count('child_events')).toBe(0);
    expect(await audits()).toEqual([expect.objectContaining({ outcome: 'denied', actor_id: fx.users.gp!.id })]);
  });

  test('an unknown feed type and a blank source system are 400 naming the field', async () => {
    expect(await failure(run('x', { feed: 'mash-referral' }))).toMatchObject({ statusCode: 400, code: 'events_import.unknown_feed', fieldErrors: { type: [expect.stringContaining('ed-attendance, admission, missed-appointment, police-dv-notification')] } });
    expect(await failure(run('x', { sourceSystem: '  ' }))).toMatchObject({ statusCode: 400, code: 'events_import.source_system' });
  });

  test('unknown child, future date, missing required field, bad code, bad NHS number: all reported by line and column, nothing written', async () => {
    const error = await failure(run(fixture('ed-attendance-invalid.csv'), { fileName: 'ed-attendance-invalid.csv' }));
    expect(error.statusCode).toBe(400);
    expect(error.toBody().error).toEqual({
      code: 'events_import.invalid',
      message: 'The event feed contains 5 errors, so nothing was imported. Correct them and import again',
      formErrors: [
        'ed-attendance-invalid.csv:2:2 (rule nhs_number): nhs_number 9434765918 is not a valid NHS number (the Modulus 11 check digit is wrong)',
        'ed-attendance-invalid.csv:3:3 (rule date_in_future): occurred_at 2026-12-25T18:45:00Z is in the future (the import ran at 2026-11-27T12:00:00.000Z)',
        'ed-attendance-invalid.csv:4:4 (rule required): presenting_complaint is blank: enter the presenting complaint',
        'ed-attendance-invalid.csv:4:5 (rule bad_code): accompanied_by must be one of mother, father, parent, step_parent, foster_carer, kinship_carer, residential_carer, relative, friend, social_worker, police, ambulance_crew, school_staff, alone, other, found "aunt"',
        'ed-attendance-invalid.csv:5:2 (rule unknown_child): no child in CLASP has the NHS number 9000000009: check the number (a wrong match is worse than none), or add the child first',
      ],
    });
    expect(await count('child_events')).toBe(0);
    expect(await count('worklist_items')).toBe(0);
    expect((await audits()).filter((a) => a.outcome === 'failed')).toEqual([expect.objectContaining({ actor_id: liaison.userId })]);
  });

  test('one bad row among good ones: the good rows are not written either (all or nothing)', async () => {
    const error = await failure(run(ed('ED-9,9434765919,2026-11-20T03:10:00Z,Wheeze,mother,yes,no,home,no', 'ED-10,4010232137,2026-11-20T03:10:00Z,Wheeze,mother,yes,no,teleported,no')));
    expect(error.toBody().error.formErrors).toEqual(['ed.csv:3:8 (rule bad_code): discharge must be one of home, admitted, transferred, left_before_seen, other, found "teleported"']);
    expect(await count('child_events')).toBe(0);
  });

  test('an event dated before the child was born is an error at occurred_at (a sign of the wrong child)', async () => {
    const error = await failure(run(ed('ED-8,9434765919,2023-03-13T10:00:00Z,Wheeze,mother,yes,no,home,no')));
    expect(error.toBody().error.formErrors).toEqual(['ed.csv:2:3 (rule date_before_birth): occurred_at 2023-03-13 is before the date of birth of the child with NHS number 9434765919: check the date and the NHS number']);
    expect(await count('child_events')).toBe(0);
  });

  test('the same source id twice in a file with different content is an error at the second line', async () => {
    const error = await failure(run(ed('ED-9,9434765919,2026-11-20T03:10:00Z,Wheeze,mother,yes,no,home,no', 'ED-9,9434765919,2026-11-20T03:10:00Z,Cough,mother,yes,no,home,no')));
    expect(error.toBody().error.formErrors).toEqual(['ed.csv:3:1 (rule duplicate_source_id): source_id ED-9 is also on line 2 with different content: one event, one id']);
    expect(await count('child_events')).toBe(0);
  });
});

describe('importEventFeed: a valid ED feed', () => {
  test('records each attendance on the child found by NHS number, routes it, and audits per child and once for the import', async () => {
    const summary = await run(fixture('ed-attendance.csv'));
    expect(summary).toEqual({ feed: 'ed-attendance', sourceSystem: 'TESTBOROUGH-ED', rows: 3, imported: 3, duplicatesSkipped: 0, duplicatesInFile: 0, alreadyImported: 0, eventsWritten: 3, routed: expect.any(Number) });
    const events = await handle.db.selectFrom('child_events').selectAll().orderBy('occurred_at').execute();
    expect(events.map((e) => [e.child_id, e.type, e.source, e.source_system, e.source_id, e.recorded_by])).toEqual([
      [fx.children.amelia, 'ed_attendance', 'feed', 'TESTBOROUGH-ED', 'ED-2026-000101', liaison.userId],
      [fx.children.barnaby, 'ed_attendance', 'feed', 'TESTBOROUGH-ED', 'ED-2026-000102', liaison.userId],
      [fx.children.cressida, 'ed_attendance', 'feed', 'TESTBOROUGH-ED', 'ED-2026-000103', liaison.userId],
    ]);
    expect(events[0]!.details).toMatchObject({ presentingComplaint: 'Fall from sofa', injury: true, injuryMechanism: 'Fell from sofa onto a wooden floor' });
    expect(events[2]!.significance).toBe('critical');

    // Amelia's attendance (she has a child protection plan): the paediatric liaison nurse's check queue at the
    // hospital, her health visitor to follow up, a copy to her GP (review 1.17, 1.23).
    const gpTeam = await handle.db.selectFrom('teams').select('id').where('organisation_id', '=', fx.organisations.practiceA).executeTakeFirstOrThrow();
    const items = await handle.db.selectFrom('worklist_items').select(['team_id', 'rule_id', 'action']).where('event_id', '=', events[0]!.id).orderBy('action').execute();
    expect(items).toEqual([
      { team_id: fx.teams.edTeam, rule_id: 'ed-attendance-liaison-check', action: 'check' },
      { team_id: gpTeam.id, rule_id: 'ed-attendance-copy', action: 'copy' },
      { team_id: fx.teams.hvTeam, rule_id: 'ed-attendance-protected-child', action: 'follow_up' },
    ]);
    expect(summary.routed).toBe(await count('worklist_items'));
    expect(summary.routed).toBeGreaterThanOrEqual(3);

    const importAudit = (await audits()).filter((a) => a.outcome === 'allowed');
    expect(importAudit).toHaveLength(1);
    expect(JSON.parse(importAudit[0]!.record).details).toMatchObject({ feed: 'ed-attendance', imported: 3, routed: summary.routed });
    const perChild = await handle.db.selectFrom('audit_events').select('child_id').where('action', '=', 'event.record').execute();
    expect(perChild.map((a) => a.child_id).sort()).toEqual([fx.children.amelia, fx.children.barnaby, fx.children.cressida].sort());
  });

  test('importing the same file again records nothing and routes nothing (idempotent)', async () => {
    const [events, items] = [await count('child_events'), await count('worklist_items')];
    const summary = await run(fixture('ed-attendance.csv'));
    expect(summary).toMatchObject({ rows: 3, imported: 0, duplicatesSkipped: 3, alreadyImported: 3, eventsWritten: 0, routed: 0 });
    expect(await count('child_events')).toBe(events);
    expect(await count('worklist_items')).toBe(items);
  });

  test('a repeated row within a file is skipped and counted; a new row beside it is recorded', async () => {
    const row = 'ED-20,4010232137,2026-11-26T09:00:00Z,Wheeze,father,yes,no,home,no';
    const summary = await run(ed(row, row));
    expect(summary).toMatchObject({ rows: 2, imported: 1, duplicatesInFile: 1, duplicatesSkipped: 1 });
  });

  test('an old source id sent again for a different event is an error, not a silent skip', async () => {
    const before = await count('child_events');
    const error = await failure(run(ed('ED-2026-000101,9434765919,2026-11-26T03:10:00Z,Fall from sofa,mother,yes,no,home,no')));
    expect(error.toBody().error.formErrors).toEqual([
      'ed.csv:2:1 (rule source_id_reused): source_id ED-2026-000101 was imported from TESTBOROUGH-ED before for a different event (another child, time or type): a correction is a new event with a new id',
    ]);
    expect(await count('child_events')).toBe(before);
  });

  test('the same source id from another source system is another event', async () => {
    const summary = await run(ed('ED-2026-000101,9434765919,2026-11-26T03:10:00Z,Fall from sofa,mother,yes,no,home,no'), { sourceSystem: 'NEIGHBOURING-ED' });
    expect(summary.imported).toBe(1);
  });
});

describe('importEventFeed: other feeds', () => {
  test('a police DV notification lands on every child of the household, as one household event (rec 1.16)', async () => {
    const summary = await run(fixture('police-dv-notification.csv'), { feed: 'police-dv-notification', sourceSystem: 'TESTSHIRE-POLICE' });
    expect(summary).toMatchObject({ imported: 1, eventsWritten: 2 });
    const copies = await handle.db.selectFrom('child_events').selectAll().where('type', '=', 'police_dv_notification').execute();
    expect(copies.map((c) => c.child_id).sort()).toEqual([fx.children.amelia, fx.children.dorian].sort());
    expect(new Set(copies.map((c) => c.household_event_id)).size).toBe(1);
    expect(copies[0]!.household_event_id).not.toBeNull();
    expect(copies.every((c) => c.confidentiality === 'dv_disclosure')).toBe(true);
    const routedChildren = await handle.db.selectFrom('worklist_items').select('child_id').distinct().where('event_id', 'in', copies.map((c) => c.id)).execute();
    expect(routedChildren.map((r) => r.child_id).sort()).toEqual([fx.children.amelia, fx.children.dorian].sort());
  });

  test('missed appointments and admissions import and route', async () => {
    const missed = await run(fixture('missed-appointment.csv'), { feed: 'missed-appointment', sourceSystem: 'TESTBOROUGH-OPD' });
    expect(missed).toMatchObject({ rows: 3, imported: 3, eventsWritten: 3 });
    // Amelia has a child protection plan: a single "was not brought" goes to the 0-19 team (rec 1.1, domain-rules §10).
    const amelia = await handle.db.selectFrom('child_events').select('id').where('type', '=', 'missed_appointment').where('child_id', '=', fx.children.amelia).executeTakeFirstOrThrow();
    const items = await handle.db.selectFrom('worklist_items').select('team_id').where('event_id', '=', amelia.id).execute();
    expect(items.map((i) => i.team_id)).toContain(fx.teams.hvTeam);
    const admissions = await run(fixture('admission.csv'), { feed: 'admission', sourceSystem: 'TESTBOROUGH-PAS' });
    expect(admissions).toMatchObject({ rows: 2, imported: 2 });
  });
});
