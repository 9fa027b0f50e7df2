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
 *   marked, never overwritten by a later import) and no NHS number, for the LAC team to complete. No
 *   name-history row is written for the placeholder, so the first real name recorded becomes the
 *   child's first usual name rather than "changing" from the placeholder.
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
import { sql, type RawBuilder } from 'kysely';
import { canPerform } from '../../../domain/access/permissions.js';
import type { IsoDate } from '../../../domain/calendar/iso-date.js';
import { validateSsda903, type Ssda903Child, type Ssda903Episode, type Ssda903Files, type Ssda903Return, type Ssda903Validation } from '../../../domain/lac-import/ssda903.js';
import { recordAudit, recordAuditBatch, type AuditEntry } from '../../audit/audit.js';
import type { Db } from '../../db/database.js';
import { createForbiddenError } from '../../shared/app-error.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { bulkDelete, bulkInsert, bulkUpdate, selectInBatches, type BulkColumn } from '../../db/bulk.js';
import { createSsda903InvalidError, type ImportValidationError } from './lac-import.errors.js';
import { timeOrderedUuids } from './time-ordered-ids.js';

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
/**
 * The 903 has no names: new children get these until the LAC team records the real ones (the LA child
 * id is on the record beside them). One name for all, not "LA child <CHILD>": every distinct name
 * becomes an entry in the name vocabulary fuzzy search runs over (migration 0003), and 85,000
 * one-off names would swamp it. Searching "Unknown" lists the children still waiting for names.
 */
export const PLACEHOLDER_GIVEN_NAME = 'Unknown';
export const PLACEHOLDER_FAMILY_NAME = 'Unknown (SSDA903)';

/**
 * Rows under a child (episodes, reviews, …) get ids made by the database: nothing in the import refers
 * to them, and their keys start with child_id, so new children's time-ordered ids already keep each
 * batch of inserts together in the B-trees.
 */
const NEW_ID = sql`gen_random_uuid()`;

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
  ended_on: string | null;
  /** The columns the return sets, as one string (see episodeSignature). */
  signature: string;
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
];
/** Same for every episode the import writes. */
const episodeConstants = ({ now, recordedBy }: { now: RawBuilder<unknown>; recordedBy: string | null }) => ({
  kind: sql`'looked_after'`,
  source: sql`${SSDA903_EPISODE_SOURCE}::text`,
  recorded_by: sql`${recordedBy}::uuid`,
  recorded_at: now,
});

function episodeValues(e: Ssda903Episode): unknown[] {
  return [e.endedOn, e.legalStatus, e.placementType, e.placementProvider, e.reasonNewEpisode, e.categoryOfNeed, e.reasonCeased, e.reasonPlaceChange, e.homePostcode, e.placementPostcode, e.urn];
}

/**
 * The columns the return sets, joined into one string, so a re-import compares one value per episode
 * and reads one column instead of fourteen. SIGNATURE_SQL must build exactly the same string.
 */
const NULL_MARK = '\\N';
const SEPARATOR = '\u001f';
function episodeSignature(e: Ssda903Episode): string {
  return [e.endedOn, e.legalStatus, e.placementType, e.placementProvider, e.reasonNewEpisode, e.categoryOfNeed, e.reasonCeased, e.reasonPlaceChange, e.homePostcode, e.placementPostcode, e.urn, 'looked_after', SSDA903_EPISODE_SOURCE]
    .map((v) => v ?? NULL_MARK)
    .join(SEPARATOR);
}
const SIGNATURE_SQL = sql`concat_ws(chr(31), coalesce(to_char(ended_on, 'YYYY-MM-DD'), ${NULL_MARK}), coalesce(legal_status, ${NULL_MARK}), coalesce(placement_type, ${NULL_MARK}),
  coalesce(placement_provider, ${NULL_MARK}), coalesce(reason_new_episode, ${NULL_MARK}), coalesce(category_of_need, ${NULL_MARK}), coalesce(reason_ceased, ${NULL_MARK}),
  coalesce(reason_place_change, ${NULL_MARK}), coalesce(home_postcode, ${NULL_MARK}), coalesce(placement_postcode, ${NULL_MARK}), coalesce(urn, ${NULL_MARK}), kind, source)`;

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
  if (actor && !canPerform({ role: actor.role, resource: 'status_episode', action: 'import' })) {
    await recordAudit(db, { actor, action: SSDA903_AUDIT_ACTION, outcome: 'denied', details: { reason: 'role' }, at: now });
    throw createForbiddenError();
  }
  const firstPass = validateSsda903({ files, today });

  const outcome = await db.transaction().execute(async (tx): Promise<Outcome<Ssda903ImportSummary>> => {
    await sql`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`.execute(tx);
    const validation = await allowContinuations(tx, { files, today, firstPass });
    if (!validation.ok) return { ok: false, error: createSsda903InvalidError(validation.errors) };
    return { ok: true, value: await writeReturn(tx, { actor, now, data: validation.value }) };
  });
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
  const newId = timeOrderedUuids(now);

  // ---- Load what CLASP already holds for these children
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
          SELECT child_id, id, source_key, ended_on, ${SIGNATURE_SQL} AS signature
            FROM status_episodes WHERE child_id = ANY(${batch}::uuid[]) AND source_key LIKE 'ssda903:%'`.execute(tx)
      ).rows,
    ),
    selectInBatches(existingIds, async (batch) => (await sql<{ child_id: string; id: string; source_key: string; review_code: string | null }>`SELECT child_id, id, source_key, review_code FROM lac_reviews WHERE child_id = ANY(${batch}::uuid[]) AND source_key LIKE 'ssda903:%'`.execute(tx)).rows),
    selectInBatches(existingIds, async (batch) =>
      (await sql<{ child_id: string; id: string; source_key: string; kind: string; ended_on: string | null }>`SELECT child_id, id, source_key, kind, ended_on FROM missing_episodes WHERE child_id = ANY(${batch}::uuid[]) AND source_key LIKE 'ssda903:%'`.execute(tx)).rows,
    ),
  ]);
  const upnsByChild = groupBy(upnRows, (r) => r.child_id);
  const episodesByChild = groupBy(episodeRows, (r) => r.child_id);
  const reviewsByChild = groupBy(reviewRows, (r) => r.child_id);
  const missingByChild = groupBy(missingRows, (r) => r.child_id);

  // ---- Work out every change
  const childRows: unknown[][] = [];
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
  const changes: { childId: string; details: Record<string, unknown> }[] = [];
  const summary: Ssda903ImportSummary = {
    children: { created: 0, updated: 0, unchanged: 0 },
    episodes: { created: 0, updated: 0, unchanged: 0, deleted: 0 },
    reviews: { created: 0, updated: 0, unchanged: 0 },
    missing: { created: 0, updated: 0, unchanged: 0 },
    oc2: { rows: data.oc2.length, stored: 0 },
  };

  // data.episodes, .reviews and .missing are grouped by child in the order of data.children.
  let nextEpisode = 0;
  let nextReview = 0;
  let nextMissing = 0;
  const NONE = new Map<string, never>();
  for (const child of data.children) {
    const existing = existingByLaId.get(child.laChildId);
    const childId = existing?.id ?? newId();
    let detailsChanged = false;
    let episodesCreated = 0;
    let episodesUpdated = 0;
    let episodesDeleted = 0;
    let reviewsCreated = 0;
    let reviewsUpdated = 0;
    let missingCreated = 0;
    let missingUpdated = 0;

    if (!existing) {
      childRows.push([childId, child.laChildId, child.dateOfBirth, child.sex, child.ethnicity]);
      if (child.upn) upnInserts.push([childId, child.upn]);
    } else {
      if (existing.sex !== child.sex || existing.date_of_birth !== child.dateOfBirth || existing.ethnicity !== child.ethnicity) {
        detailsChanged = true;
        childUpdates.push([childId, child.sex, child.dateOfBirth, child.ethnicity]);
      }
      if (planUpn({ childId, child, existing: upnsByChild.get(childId) ?? [], upnInserts, upnUpdates, upnDeletes })) detailsChanged = true;
    }

    // Episodes: the file is the truth from this child's first DECOM in the file onwards.
    const held = existing ? new Map((episodesByChild.get(childId) ?? []).map((e) => [e.source_key, e])) : NONE;
    const firstEpisode = nextEpisode;
    for (; nextEpisode < data.episodes.length && data.episodes[nextEpisode]!.laChildId === child.laChildId; nextEpisode += 1) {
      const e = data.episodes[nextEpisode]!;
      const key = episodeKey(e.startedOn);
      const row = held.size > 0 ? held.get(key) : undefined;
      if (!row) {
        episodeInserts.push([childId, e.startedOn, key, e.endedOn, e.legalStatus, e.placementType, e.placementProvider, e.reasonNewEpisode, e.categoryOfNeed, e.reasonCeased, e.reasonPlaceChange, e.homePostcode, e.placementPostcode, e.urn]);
        episodesCreated += 1;
      } else {
        held.delete(key);
        if (row.signature !== episodeSignature(e)) {
          episodeUpdates.push([childId, row.id, ...episodeValues(e)]);
          episodesUpdated += 1;
        } else summary.episodes.unchanged += 1;
      }
    }
    const firstStart = data.episodes[firstEpisode]?.laChildId === child.laChildId ? data.episodes[firstEpisode]!.startedOn : null;
    if (firstStart) {
      for (const row of held.values()) {
        // Episodes that ended by the first DECOM in the file are history from earlier returns.
        if (row.ended_on !== null && row.ended_on <= firstStart) continue;
        episodeDeletes.push([childId, row.id]);
        episodesDeleted += 1;
      }
    }

    const heldReviews = existing ? new Map((reviewsByChild.get(childId) ?? []).map((r) => [r.source_key, r])) : NONE;
    for (; nextReview < data.reviews.length && data.reviews[nextReview]!.laChildId === child.laChildId; nextReview += 1) {
      const review = data.reviews[nextReview]!;
      const key = reviewKey(review.reviewOn);
      const row = heldReviews.size > 0 ? heldReviews.get(key) : undefined;
      if (!row) {
        reviewInserts.push([childId, review.reviewOn, review.participation, key]);
        reviewsCreated += 1;
      } else if (row.review_code !== review.participation) {
        reviewUpdates.push([childId, row.id, review.participation]);
        reviewsUpdated += 1;
      } else summary.reviews.unchanged += 1;
    }

    const heldMissing = existing ? new Map((missingByChild.get(childId) ?? []).map((m) => [m.source_key, m])) : NONE;
    for (; nextMissing < data.missing.length && data.missing[nextMissing]!.laChildId === child.laChildId; nextMissing += 1) {
      const period = data.missing[nextMissing]!;
      const key = missingKey(period.startedOn);
      const row = heldMissing.size > 0 ? heldMissing.get(key) : undefined;
      if (!row) {
        missingInserts.push([childId, period.kind, period.startedOn, period.endedOn, key]);
        missingCreated += 1;
      } else if (row.kind !== period.kind || row.ended_on !== period.endedOn) {
        missingUpdates.push([childId, row.id, period.kind, period.endedOn]);
        missingUpdated += 1;
      } else summary.missing.unchanged += 1;
    }

    summary.episodes.created += episodesCreated;
    summary.episodes.updated += episodesUpdated;
    summary.episodes.deleted += episodesDeleted;
    summary.reviews.created += reviewsCreated;
    summary.reviews.updated += reviewsUpdated;
    summary.missing.created += missingCreated;
    summary.missing.updated += missingUpdated;
    const touched = detailsChanged || episodesCreated + episodesUpdated + episodesDeleted + reviewsCreated + reviewsUpdated + missingCreated + missingUpdated > 0;
    if (!existing) summary.children.created += 1;
    else if (touched) summary.children.updated += 1;
    else summary.children.unchanged += 1;
    if (!existing || touched) {
      // Counts only, and only the non-zero ones (each audit row is hashed: smaller is faster).
      const details: Record<string, unknown> = { change: existing ? 'updated' : 'created' };
      if (detailsChanged) details.detailsChanged = true;
      if (episodesCreated) details.episodesCreated = episodesCreated;
      if (episodesUpdated) details.episodesUpdated = episodesUpdated;
      if (episodesDeleted) details.episodesDeleted = episodesDeleted;
      if (reviewsCreated) details.reviewsCreated = reviewsCreated;
      if (reviewsUpdated) details.reviewsUpdated = reviewsUpdated;
      if (missingCreated) details.missingCreated = missingCreated;
      if (missingUpdated) details.missingUpdated = missingUpdated;
      changes.push({ childId, details });
    }
  }

  // ---- Write: children first (foreign keys), deletions before inserts (unique source keys)
  await bulkInsert(tx, {
    table: 'children',
    columns: [['id', 'uuid'], ['la_child_id', 'text'], ['date_of_birth', 'date'], ['sex', 'text'], ['ethnicity', 'text']],
    rows: childRows,
    constants: { given_name: sql`${PLACEHOLDER_GIVEN_NAME}::text`, family_name: sql`${PLACEHOLDER_FAMILY_NAME}::text`, created_at: nowParam, updated_at: nowParam },
  });
  await bulkUpdate(tx, { table: 'children', key: [['id', 'uuid']], set: [['sex', 'text'], ['date_of_birth', 'date'], ['ethnicity', 'text']], rows: childUpdates, constants: { updated_at: nowParam } });
  await bulkDelete(tx, { table: 'child_identifiers', key: [['child_id', 'uuid'], ['id', 'uuid']], rows: upnDeletes });
  await bulkUpdate(tx, { table: 'child_identifiers', key: [['child_id', 'uuid'], ['id', 'uuid']], set: [['value', 'text']], rows: upnUpdates });
  await bulkInsert(tx, { table: 'child_identifiers', columns: [['child_id', 'uuid'], ['value', 'text']], rows: upnInserts, constants: { id: NEW_ID, kind: sql`'upn'`, issuer: sql`${SSDA903_UPN_ISSUER}::text`, created_at: nowParam } });

  await bulkDelete(tx, { table: 'status_episodes', key: [['child_id', 'uuid'], ['id', 'uuid']], rows: episodeDeletes });
  await bulkUpdate(tx, { table: 'status_episodes', key: [['child_id', 'uuid'], ['id', 'uuid']], set: EPISODE_VALUE_COLUMNS, rows: episodeUpdates, constants: episodeConstants({ now: nowParam, recordedBy }) });
  await bulkInsert(tx, {
    table: 'status_episodes',
    columns: [['child_id', 'uuid'], ['started_on', 'date'], ['source_key', 'text'], ...EPISODE_VALUE_COLUMNS],
    rows: episodeInserts,
    constants: { id: NEW_ID, ...episodeConstants({ now: nowParam, recordedBy }) },
  });

  await bulkUpdate(tx, { table: 'lac_reviews', key: [['child_id', 'uuid'], ['id', 'uuid']], set: [['review_code', 'text']], rows: reviewUpdates });
  await bulkInsert(tx, { table: 'lac_reviews', columns: [['child_id', 'uuid'], ['review_on', 'date'], ['review_code', 'text'], ['source_key', 'text']], rows: reviewInserts, constants: { id: NEW_ID } });
  await bulkUpdate(tx, { table: 'missing_episodes', key: [['child_id', 'uuid'], ['id', 'uuid']], set: [['kind', 'text'], ['ended_on', 'date']], rows: missingUpdates });
  await bulkInsert(tx, { table: 'missing_episodes', columns: [['child_id', 'uuid'], ['kind', 'text'], ['started_on', 'date'], ['ended_on', 'date'], ['source_key', 'text']], rows: missingInserts, constants: { id: NEW_ID } });

  // ---- Audit: one row per child created or changed (counts only), and one for the import.
  const entries: AuditEntry[] = [];
  for (const { childId, details } of changes) entries.push({ actor, action: SSDA903_AUDIT_ACTION, outcome: 'allowed', childId, details, at: now });
  entries.push({ actor, action: SSDA903_AUDIT_ACTION, outcome: 'allowed', childId: null, details: { files: data.suppliedFiles, ...summary }, at: now });
  await recordAuditBatch(tx, entries);
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
  else upnInserts.push([childId, child.upn]);
  for (const r of rest) upnDeletes.push([childId, r.id]);
  return true;
}
