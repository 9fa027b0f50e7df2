/**
 * Import of the local authority's SSDA903 return (children looked after): children matched by the LA
 * child id (CHILD), their looked-after episodes, LAC reviews and missing/away periods.
 *
 * All or nothing: the files are validated first (domain/lac-import/ssda903.ts) and, if anything is
 * wrong, every error is reported and nothing is written. A valid return is written in ONE transaction
 * with set-based statements (bulk.ts), and re-importing the same files changes nothing.
 *
 * What the return is the truth for:
 * - Children: SEX, DOB, ETHNIC and the UPN are updated from header.csv. The 903 carries no names or NHS
 *   number, so a child CLASP does not know yet is created with the placeholder names below (clearly
 *   marked, never overwritten by a later import) and no NHS number, for the LAC team to complete.
 *   MOTHER/MC_DOB are validated but not stored (there is no place for them yet).
 * - Episodes: keyed by `ssda903:<DECOM>`. For each child in the files, CLASP's SSDA903 episodes from
 *   the child's first DECOM in the files onwards are replaced by the file's: new ones created,
 *   changed ones updated, ones no longer in the file deleted. Episodes that ended on or before that
 *   first DECOM are history from earlier returns (an annual return only carries episodes open during
 *   its year) and are kept. So returns should be imported in date order.
 * - Reviews (`ssda903:review:<date>`) and missing periods (`ssda903:missing:<start>`) are created or
 *   corrected, never deleted: a return covers one year, so a review absent from it is no evidence that
 *   it did not happen.
 * - OC2 (outcomes for children looked after 12 months): validated, NOT stored. Its items are yes/no
 *   indicators for the collection year with no date of the health assessment, dental check or SDQ, and
 *   the files do not say which year they cover; stored as dated health activities they would start or
 *   stop CLASP's due-date clocks on invented dates. Health activity with dates comes through the
 *   health-activity import instead.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { canPerform } from '../../../domain/access/permissions.js';
import type { IsoDate } from '../../../domain/calendar/iso-date.js';
import { validateSsda903, type Ssda903Child, type Ssda903Episode, type Ssda903Files, type Ssda903Return, type Ssda903Validation } from '../../../domain/lac-import/ssda903.js';
import { recordAudit, recordAuditBatch, type AuditEntry } from '../../audit/audit.js';
import type { Db } from '../../db/database.js';
import { createForbiddenError } from '../../shared/app-error.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { bulkDelete, bulkInsert, bulkUpdate, selectInBatches, type BulkColumn } from './bulk.js';
import { createSsda903InvalidError, type ImportValidationError } from './lac-import.errors.js';

export interface Deps {
  db: Db;
  clock: Clock;
}

export interface ChangeCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface Ssda903ImportSummary {
  /** A child counts as updated when its details or any of its episodes, reviews or missing periods changed. */
  children: ChangeCounts;
  episodes: ChangeCounts & { deleted: number };
  reviews: ChangeCounts;
  missing: ChangeCounts;
  /** OC2 rows validated; none are stored (see the module comment). */
  oc2: { rows: number; stored: number };
}

export const SSDA903_AUDIT_ACTION = 'ssda903.import';
export const SSDA903_EPISODE_SOURCE = 'SSDA903 return';
/** Issuer recorded on the UPN identifier the import manages. */
export const SSDA903_UPN_ISSUER = 'SSDA903 return';
/** The 903 has no names: new children get these until the LAC team records the real ones. */
export const PLACEHOLDER_GIVEN_NAME = 'Unknown';
export const placeholderFamilyName = (laChildId: string) => `LA child ${laChildId}`;

/** Serialises imports: two at once would race on creating the same children. */
const IMPORT_LOCK_KEY = 903_903;

const episodeKey = (startedOn: IsoDate) => `ssda903:${startedOn}`;
const reviewKey = (reviewOn: IsoDate) => `ssda903:review:${reviewOn}`;
const missingKey = (startedOn: IsoDate) => `ssda903:missing:${startedOn}`;

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ImportValidationError };

interface ExistingChild {
  id: string;
  la_child_id: string;
  sex: string;
  date_of_birth: string | null;
  ethnicity: string | null;
}
interface ExistingEpisode {
  child_id: string;
  id: string;
  source_key: string;
  kind: string;
  source: string;
  started_on: string;
  ended_on: string | null;
  legal_status: string | null;
  placement_type: string | null;
  placement_provider: string | null;
  reason_new_episode: string | null;
  category_of_need: string | null;
  reason_ceased: string | null;
  reason_place_change: string | null;
  home_postcode: string | null;
  placement_postcode: string | null;
  urn: string | null;
}

interface ChildChanges {
  created: boolean;
  detailsChanged: boolean;
  episodes: { created: number; updated: number; deleted: number };
  reviews: { created: number; updated: number };
  missing: { created: number; updated: number };
}

/** The episode columns the return sets, in the order used by the bulk statements. */
const EPISODE_VALUE_COLUMNS: readonly BulkColumn[] = [
  ['ended_on', 'date'],
  ['legal_status', 'text'],
  ['placement_type', 'text'],
  ['placement_provider', 'text'],
  ['reason_new_episode', 'text'],
  ['category_of_need', 'text'],
  ['reason_ceased', 'text'],
  ['reason_place_change', 'text'],
  ['home_postcode', 'text'],
  ['placement_postcode', 'text'],
  ['urn', 'text'],
  ['kind', 'text'],
  ['source', 'text'],
  ['recorded_by', 'uuid'],
];

function episodeValues(e: Ssda903Episode, recordedBy: string | null): unknown[] {
  return [e.endedOn, e.legalStatus, e.placementType, e.placementProvider, e.reasonNewEpisode, e.categoryOfNeed, e.reasonCeased, e.reasonPlaceChange, e.homePostcode, e.placementPostcode, e.urn, 'looked_after', SSDA903_EPISODE_SOURCE, recordedBy];
}

function episodeDiffers(e: Ssda903Episode, row: ExistingEpisode): boolean {
  return (
    row.ended_on !== e.endedOn ||
    row.legal_status !== e.legalStatus ||
    row.placement_type !== e.placementType ||
    row.placement_provider !== e.placementProvider ||
    row.reason_new_episode !== e.reasonNewEpisode ||
    row.category_of_need !== e.categoryOfNeed ||
    row.reason_ceased !== e.reasonCeased ||
    row.reason_place_change !== e.reasonPlaceChange ||
    row.home_postcode !== e.homePostcode ||
    row.placement_postcode !== e.placementPostcode ||
    row.urn !== e.urn ||
    row.kind !== 'looked_after' ||
    row.source !== SSDA903_EPISODE_SOURCE
  );
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/**
 * Imports an SSDA903 return. `actor` null is the CLI acting as the system (audited with no actor).
 * Needs permission to create status episodes (the LAC health team, designated professionals); 403 and
 * an audited denial otherwise. Validation errors: 400 `ssda903.invalid` listing every error, nothing
 * written (the failed attempt is audited with its error count).
 */
export async function importSsda903({ db, clock }: Deps, { actor, files }: { actor: Actor | null; files: Ssda903Files }): Promise<Ssda903ImportSummary> {
  const now = clock.now();
  const today = clock.today();
  if (actor && !canPerform({ role: actor.role, resource: 'status_episode', action: 'create' })) {
    await recordAudit(db, { actor, action: SSDA903_AUDIT_ACTION, outcome: 'denied', details: { reason: 'role' }, at: now });
    throw createForbiddenError();
  }
  console.time('validate');const firstPass = validateSsda903({ files, today });console.timeEnd('validate');

  console.time('tx');const outcome = await db.transaction().execute(async (tx): Promise<Outcome<Ssda903ImportSummary>> => {
    await sql`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`.execute(tx);
    const validation = await allowContinuations(tx, { files, today, firstPass });
    if (!validation.ok) return { ok: false, error: createSsda903InvalidError(validation.errors) };
    return { ok: true, value: await writeReturn(tx, { actor, now, data: validation.value }) };
  });
  console.timeEnd('tx');
  if (!outcome.ok) {
    await recordAudit(db, { actor, action: SSDA903_AUDIT_ACTION, outcome: 'failed', details: { reason: 'invalid', errors: outcome.error.errors.length }, at: now });
    throw outcome.error;
  }
  return outcome.value;
}

/**
 * Rule 357 asks for RNE S on a child's first episode ever. When a child's first episode in these files
 * continues an episode CLASP already holds from an earlier return (which ended with X1 that same day),
 * it is not the first ever: validate again knowing those earlier episodes.
 */
async function allowContinuations(tx: Db, { files, today, firstPass }: { files: Ssda903Files; today: IsoDate; firstPass: Ssda903Validation }): Promise<Ssda903Validation> {
  if (firstPass.ok) return firstPass;
  const children = [...new Set(firstPass.errors.filter((e) => e.rule === '357' && e.child).map((e) => e.child!))];
  if (children.length === 0) return firstPass;
  const rows = await selectInBatches(children, async (batch) =>
    (
      await sql<{ la_child_id: string; ended_on: string }>`
        SELECT c.la_child_id, se.ended_on
          FROM status_episodes se JOIN children c ON c.id = se.child_id
         WHERE c.la_child_id = ANY(${batch}::text[]) AND se.source_key LIKE 'ssda903:%'
           AND se.reason_ceased = 'X1' AND se.ended_on IS NOT NULL`.execute(tx)
    ).rows,
  );
  if (rows.length === 0) return firstPass;
  const precedingEpisodeEnds = new Map<string, Set<IsoDate>>();
  for (const row of rows) (precedingEpisodeEnds.get(row.la_child_id) ?? precedingEpisodeEnds.set(row.la_child_id, new Set()).get(row.la_child_id)!).add(row.ended_on);
  return validateSsda903({ files, today, precedingEpisodeEnds });
}

async function writeReturn(tx: Db, { actor, now, data }: { actor: Actor | null; now: Date; data: Ssda903Return }): Promise<Ssda903ImportSummary> {
  const recordedBy = actor?.userId ?? null;
  const nowParam = sql`${now.toISOString()}::timestamptz`;

  console.time('load');
  const laChildIds = data.children.map((c) => c.laChildId);
  const existingChildren = await selectInBatches(laChildIds, async (batch) =>
    (await sql<ExistingChild>`SELECT id, la_child_id, sex, date_of_birth, ethnicity FROM children WHERE la_child_id = ANY(${batch}::text[])`.execute(tx)).rows,
  );
  const existingByLaId = new Map(existingChildren.map((c) => [c.la_child_id, c]));
  const existingIds = existingChildren.map((c) => c.id);
  const [upnRows, episodeRows, reviewRows, missingRows] = await Promise.all([
    selectInBatches(existingIds, async (batch) => (await sql<{ child_id: string; id: string; value: string; issuer: string | null }>`SELECT child_id, id, value, issuer FROM child_identifiers WHERE child_id = ANY(${batch}::uuid[]) AND kind = 'upn'`.execute(tx)).rows),
    selectInBatches(existingIds, async (batch) =>
      (
        await sql<ExistingEpisode>`
          SELECT child_id, id, source_key, kind, source, started_on, ended_on, legal_status, placement_type, placement_provider, reason_new_episode,
                 category_of_need, reason_ceased, reason_place_change, home_postcode, placement_postcode, urn
            FROM status_episodes WHERE child_id = ANY(${batch}::uuid[]) AND source_key LIKE 'ssda903:%'`.execute(tx)
      ).rows,
    ),
    selectInBatches(existingIds, async (batch) => (await sql<{ child_id: string; id: string; source_key: string; review_code: string | null }>`SELECT child_id, id, source_key, review_code FROM lac_reviews WHERE child_id = ANY(${batch}::uuid[]) AND source_key LIKE 'ssda903:%'`.execute(tx)).rows),
    selectInBatches(existingIds, async (batch) =>
      (await sql<{ child_id: string; id: string; source_key: string; kind: string; ended_on: string | null }>`SELECT child_id, id, source_key, kind, ended_on FROM missing_episodes WHERE child_id = ANY(${batch}::uuid[]) AND source_key LIKE 'ssda903:%'`.execute(tx)).rows,
    ),
  ]);
  console.timeEnd('load');console.time('diff');
  const upnsByChild = groupBy(upnRows, (r) => r.child_id);
  const episodesByChild = groupBy(episodeRows, (r) => r.child_id);
  const reviewsByChild = groupBy(reviewRows, (r) => r.child_id);
  const missingByChild = groupBy(missingRows, (r) => r.child_id);
  const fileEpisodes = groupBy(data.episodes, (e) => e.laChildId);
  const fileReviews = groupBy(data.reviews, (r) => r.laChildId);
  const fileMissing = groupBy(data.missing, (m) => m.laChildId);

  // ---- Work out every change
  const childRows: unknown[][] = [];
  const nameRows: unknown[][] = [];
  const childUpdates: unknown[][] = [];
  const upnInserts: unknown[][] = [];
  const upnUpdates: unknown[][] = [];
  const upnDeletes: unknown[][] = [];
  const episodeInserts: unknown[][] = [];
  const episodeUpdates: unknown[][] = [];
  const episodeDeletes: unknown[][] = [];
  const reviewInserts: unknown[][] = [];
  const reviewUpdates: unknown[][] = [];
  const missingInserts: unknown[][] = [];
  const missingUpdates: unknown[][] = [];
  const changes = new Map<string, ChildChanges>();
  const summary: Ssda903ImportSummary = {
    children: { created: 0, updated: 0, unchanged: 0 },
    episodes: { created: 0, updated: 0, unchanged: 0, deleted: 0 },
    reviews: { created: 0, updated: 0, unchanged: 0 },
    missing: { created: 0, updated: 0, unchanged: 0 },
    oc2: { rows: data.oc2.length, stored: 0 },
  };

  for (const child of data.children) {
    const existing = existingByLaId.get(child.laChildId);
    const childId = existing?.id ?? randomUUID();
    const change: ChildChanges = { created: !existing, detailsChanged: false, episodes: { created: 0, updated: 0, deleted: 0 }, reviews: { created: 0, updated: 0 }, missing: { created: 0, updated: 0 } };

    if (!existing) {
      childRows.push([childId, child.laChildId, PLACEHOLDER_GIVEN_NAME, placeholderFamilyName(child.laChildId), child.dateOfBirth, child.sex, child.ethnicity]);
      nameRows.push([childId, randomUUID(), PLACEHOLDER_GIVEN_NAME, placeholderFamilyName(child.laChildId), child.dateOfBirth]);
      if (child.upn) upnInserts.push([childId, randomUUID(), child.upn]);
    } else {
      if (existing.sex !== child.sex || existing.date_of_birth !== child.dateOfBirth || existing.ethnicity !== child.ethnicity) {
        change.detailsChanged = true;
        childUpdates.push([childId, child.sex, child.dateOfBirth, child.ethnicity]);
      }
      if (planUpn({ childId, child, existing: upnsByChild.get(childId) ?? [], upnInserts, upnUpdates, upnDeletes })) change.detailsChanged = true;
    }

    // Episodes: the file is the truth from this child's first DECOM in the file onwards.
    const wanted = fileEpisodes.get(child.laChildId) ?? [];
    const held = new Map((episodesByChild.get(childId) ?? []).map((e) => [e.source_key, e]));
    for (const episode of wanted) {
      const key = episodeKey(episode.startedOn);
      const row = held.get(key);
      if (!row) {
        episodeInserts.push([childId, randomUUID(), episode.startedOn, key, ...episodeValues(episode, recordedBy)]);
        change.episodes.created += 1;
      } else {
        held.delete(key);
        if (episodeDiffers(episode, row)) {
          episodeUpdates.push([childId, row.id, ...episodeValues(episode, recordedBy)]);
          change.episodes.updated += 1;
        } else summary.episodes.unchanged += 1;
      }
    }
    const firstStart = wanted[0]?.startedOn;
    if (firstStart) {
      for (const row of held.values()) {
        const earlierHistory = row.ended_on !== null && row.ended_on <= firstStart;
        if (earlierHistory) continue;
        episodeDeletes.push([childId, row.id]);
        change.episodes.deleted += 1;
      }
    }

    const heldReviews = new Map((reviewsByChild.get(childId) ?? []).map((r) => [r.source_key, r]));
    for (const review of fileReviews.get(child.laChildId) ?? []) {
      const key = reviewKey(review.reviewOn);
      const row = heldReviews.get(key);
      if (!row) {
        reviewInserts.push([childId, randomUUID(), review.reviewOn, review.participation, key]);
        change.reviews.created += 1;
      } else if (row.review_code !== review.participation) {
        reviewUpdates.push([childId, row.id, review.participation]);
        change.reviews.updated += 1;
      } else summary.reviews.unchanged += 1;
    }

    const heldMissing = new Map((missingByChild.get(childId) ?? []).map((m) => [m.source_key, m]));
    for (const period of fileMissing.get(child.laChildId) ?? []) {
      const key = missingKey(period.startedOn);
      const row = heldMissing.get(key);
      if (!row) {
        missingInserts.push([childId, randomUUID(), period.kind, period.startedOn, period.endedOn, key]);
        change.missing.created += 1;
      } else if (row.kind !== period.kind || row.ended_on !== period.endedOn) {
        missingUpdates.push([childId, row.id, period.kind, period.endedOn]);
        change.missing.updated += 1;
      } else summary.missing.unchanged += 1;
    }

    summary.episodes.created += change.episodes.created;
    summary.episodes.updated += change.episodes.updated;
    summary.episodes.deleted += change.episodes.deleted;
    summary.reviews.created += change.reviews.created;
    summary.reviews.updated += change.reviews.updated;
    summary.missing.created += change.missing.created;
    summary.missing.updated += change.missing.updated;
    const touched =
      change.detailsChanged ||
      change.episodes.created + change.episodes.updated + change.episodes.deleted + change.reviews.created + change.reviews.updated + change.missing.created + change.missing.updated > 0;
    if (change.created) summary.children.created += 1;
    else if (touched) summary.children.updated += 1;
    else summary.children.unchanged += 1;
    if (change.created || touched) changes.set(childId, change);
  }

  console.timeEnd('diff');console.time('children');
  // ---- Write: children first (foreign keys), deletions before inserts (unique source keys)
  await bulkInsert(tx, {
    table: 'children',
    columns: [['id', 'uuid'], ['la_child_id', 'text'], ['given_name', 'text'], ['family_name', 'text'], ['date_of_birth', 'date'], ['sex', 'text'], ['ethnicity', 'text']],
    rows: childRows,
    constants: { created_at: nowParam, updated_at: nowParam },
  });
  await bulkInsert(tx, { table: 'child_names', columns: [['child_id', 'uuid'], ['id', 'uuid'], ['given_name', 'text'], ['family_name', 'text'], ['valid_from', 'date']], rows: nameRows, constants: { kind: sql`'usual'`, recorded_at: nowParam } });
  await bulkUpdate(tx, { table: 'children', key: [['id', 'uuid']], set: [['sex', 'text'], ['date_of_birth', 'date'], ['ethnicity', 'text']], rows: childUpdates, constants: { updated_at: nowParam } });
  await bulkDelete(tx, { table: 'child_identifiers', key: [['child_id', 'uuid'], ['id', 'uuid']], rows: upnDeletes });
  await bulkUpdate(tx, { table: 'child_identifiers', key: [['child_id', 'uuid'], ['id', 'uuid']], set: [['value', 'text']], rows: upnUpdates });
  await bulkInsert(tx, { table: 'child_identifiers', columns: [['child_id', 'uuid'], ['id', 'uuid'], ['value', 'text']], rows: upnInserts, constants: { kind: sql`'upn'`, issuer: sql`${SSDA903_UPN_ISSUER}::text`, created_at: nowParam } });

  console.timeEnd('children');console.time('episodes');
  await bulkDelete(tx, { table: 'status_episodes', key: [['child_id', 'uuid'], ['id', 'uuid']], rows: episodeDeletes });
  await bulkUpdate(tx, { table: 'status_episodes', key: [['child_id', 'uuid'], ['id', 'uuid']], set: EPISODE_VALUE_COLUMNS, rows: episodeUpdates, constants: { recorded_at: nowParam } });
  await bulkInsert(tx, {
    table: 'status_episodes',
    columns: [['child_id', 'uuid'], ['id', 'uuid'], ['started_on', 'date'], ['source_key', 'text'], ...EPISODE_VALUE_COLUMNS],
    rows: episodeInserts,
    constants: { recorded_at: nowParam },
  });

  console.timeEnd('episodes');console.time('reviews+missing');
  await bulkUpdate(tx, { table: 'lac_reviews', key: [['child_id', 'uuid'], ['id', 'uuid']], set: [['review_code', 'text']], rows: reviewUpdates });
  await bulkInsert(tx, { table: 'lac_reviews', columns: [['child_id', 'uuid'], ['id', 'uuid'], ['review_on', 'date'], ['review_code', 'text'], ['source_key', 'text']], rows: reviewInserts });
  await bulkUpdate(tx, { table: 'missing_episodes', key: [['child_id', 'uuid'], ['id', 'uuid']], set: [['kind', 'text'], ['ended_on', 'date']], rows: missingUpdates });
  await bulkInsert(tx, { table: 'missing_episodes', columns: [['child_id', 'uuid'], ['id', 'uuid'], ['kind', 'text'], ['started_on', 'date'], ['ended_on', 'date'], ['source_key', 'text']], rows: missingInserts });

  console.timeEnd('reviews+missing');console.time('audit');
  // ---- Audit: one row per child created or changed (counts only), and one for the import.
  const entries: AuditEntry[] = [];
  for (const [childId, change] of changes) {
    entries.push({
      actor,
      action: SSDA903_AUDIT_ACTION,
      outcome: 'allowed',
      childId,
      details: { child: change.created ? 'created' : 'updated', detailsChanged: change.detailsChanged, episodes: change.episodes, reviews: change.reviews, missing: change.missing },
      at: now,
    });
  }
  entries.push({ actor, action: SSDA903_AUDIT_ACTION, outcome: 'allowed', childId: null, details: { files: data.suppliedFiles, ...summary }, at: now });
  await recordAuditBatch(tx, entries);console.timeEnd('audit');
  return summary;
}

/**
 * Plans the change to the UPN identifier the import manages (issuer SSDA903 return). A real UPN already
 * held under any issuer is left alone; UN1–UN5 mean "no UPN" and remove the import's identifier.
 * Returns whether anything changes.
 */
function planUpn({
  childId,
  child,
  existing,
  upnInserts,
  upnUpdates,
  upnDeletes,
}: {
  childId: string;
  child: Ssda903Child;
  existing: readonly { id: string; value: string; issuer: string | null }[];
  upnInserts: unknown[][];
  upnUpdates: unknown[][];
  upnDeletes: unknown[][];
}): boolean {
  const ours = existing.filter((r) => r.issuer === SSDA903_UPN_ISSUER);
  let changed = false;
  if (child.upn === null) {
    for (const r of ours) upnDeletes.push([childId, r.id]);
    return ours.length > 0;
  }
  if (existing.some((r) => r.value === child.upn)) {
    for (const r of ours) {
      if (r.value === child.upn) continue;
      upnDeletes.push([childId, r.id]);
      changed = true;
    }
    return changed;
  }
  const [first, ...rest] = ours;
  if (first) upnUpdates.push([childId, first.id, child.upn]);
  else upnInserts.push([childId, randomUUID(), child.upn]);
  for (const r of rest) upnDeletes.push([childId, r.id]);
  return true;
}
