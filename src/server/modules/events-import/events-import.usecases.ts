/**
 * Import of a safeguarding event feed (#3): a CSV from an emergency department, a clinic or the police
 * (docs/feeds.md), all or nothing. The file is read and checked first (every error as file:line:column,
 * nothing written); then, in ONE transaction, each row's child is found by NHS number, rows already
 * received from the same source system are skipped, and the rest go through the same `recordEvents` as
 * the web and the API — written (a household event on every child of the household), routed to team
 * worklists and audited per child — plus one audit row for the import.
 */
import { sql } from 'kysely';
import { canPerform } from '../../../domain/access/permissions.js';
import { FEED_NAMES, feedLayout } from '../../../domain/events-import/feed-layouts.js';
import { checkFeedChildren, MAX_FEED_ERRORS, parseEventFeed, type FeedRow } from '../../../domain/events-import/parse-feed.js';
import { sortImportErrors, type ImportError } from '../../../domain/lac-import/import-error.js';
import type { RecordEventInput } from '../../../contracts/events.js';
import { recordAudit } from '../../audit/audit.js';
import type { Db } from '../../db/database.js';
import { createForbiddenError } from '../../shared/app-error.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { recordEvents, type EventSubmission } from '../events/events.usecases.js';
import { arrayLiteral } from '../../db/bulk.js';
import type { ImportValidationError } from '../lac-import/lac-import.errors.js';
import { createEventFeedInvalidError, createSourceSystemInvalidError, createUnknownFeedError } from './events-import.errors.js';
import { validateEventBody } from './event-body-validator.js';

export interface Deps {
  db: Db;
  clock: Clock;
}

export interface EventFeedImportSummary {
  feed: string;
  sourceSystem: string;
  /** Data rows in the file. */
  rows: number;
  /** Events recorded from this file (one per row; household copies counted in `eventsWritten`). */
  imported: number;
  /** Rows skipped: a repeat of an earlier row in the file, or a source id already imported. */
  duplicatesSkipped: number;
  duplicatesInFile: number;
  alreadyImported: number;
  /** Event rows written, household copies included. */
  eventsWritten: number;
  /** Worklist items created by routing. */
  routed: number;
}

export const EVENT_IMPORT_AUDIT_ACTION = 'event.feed_import';

/** Submissions per `recordEvents` call within the one transaction (progress is reported between them). */
export const RECORD_BATCH = 5_000;

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ImportValidationError };

export async function importEventFeed(
  { db, clock }: Deps,
  {
    actor,
    feed,
    sourceSystem: rawSourceSystem,
    fileName,
    text,
    onProgress,
  }: { actor: Actor; feed: string; sourceSystem: string; fileName: string; text: string; onProgress?: (done: number, total: number) => void },
): Promise<EventFeedImportSummary> {
  const now = clock.now();
  if (!canPerform({ role: actor.role, resource: 'safeguarding_event', action: 'import' })) {
    await recordAudit(db, { actor, action: EVENT_IMPORT_AUDIT_ACTION, outcome: 'denied', details: { reason: 'role', feed }, at: now });
    throw createForbiddenError();
  }
  const layout = feedLayout(feed);
  if (!layout) throw createUnknownFeedError({ feed, feeds: FEED_NAMES });
  const sourceSystem = rawSourceSystem.trim();
  if (sourceSystem === '' || sourceSystem.length > 50) throw createSourceSystemInvalidError();

  const parsed = parseEventFeed<RecordEventInput>({ layout, fileName, text, now: now.toISOString(), sourceSystem, validate: validateEventBody });

  const outcome = await db.transaction().execute(async (tx): Promise<Outcome<EventFeedImportSummary>> => {
    // Each child by NHS number, in one statement for the whole file.
    const nhsNumbers = [...new Set(parsed.childReferences.map((r) => r.nhsNumber))];
    const found =
      nhsNumbers.length === 0
        ? []
        : (await sql<{ id: string; nhs_number: string; date_of_birth: string | null }>`SELECT id, nhs_number, date_of_birth FROM children WHERE nhs_number = ANY(${arrayLiteral(nhsNumbers)}::text[])`.execute(tx)).rows;
    const childByNhsNumber = new Map(found.map((c) => [c.nhs_number, c.id]));
    const known = new Map(found.map((c) => [c.nhs_number, { dateOfBirth: c.date_of_birth }]));
    const errors: ImportError[] = [...parsed.errors, ...checkFeedChildren({ fileName, childReferences: parsed.childReferences, known })];

    // Source ids this source system sent before: the same event again is skipped; a different event under an old id is an error.
    const previous = await loadPreviousSourceIds(tx, { sourceSystem, sourceIds: parsed.rows.map((r) => r.sourceId) });
    const fresh: FeedRow<RecordEventInput>[] = [];
    let alreadyImported = 0;
    for (const row of parsed.rows) {
      const childId = childByNhsNumber.get(row.nhsNumber);
      if (!childId) continue;
      const before = previous.get(row.sourceId);
      if (!before) {
        fresh.push(row);
        continue;
      }
      if (before.type === row.input.type && before.occurredAt === Date.parse(row.input.occurredAt) && before.childIds.has(childId)) alreadyImported += 1;
      else
        errors.push({
          file: fileName,
          line: row.line,
          column: 1,
          rule: 'source_id_reused',
          message: `source_id ${row.sourceId} was imported from ${sourceSystem} before for a different event (another child, time or type): a correction is a new event with a new id`,
        });
    }
    const errorCount = parsed.errorCount + (errors.length - parsed.errors.length);
    if (errors.length > 0) {
      const sorted = sortImportErrors(errors, [fileName]).slice(0, MAX_FEED_ERRORS);
      const error = createEventFeedInvalidError(sorted);
      if (errorCount > sorted.length) error.message = `The event feed contains ${errorCount.toLocaleString('en-GB')} errors (the first ${sorted.length.toLocaleString('en-GB')} are listed), so nothing was imported. Correct them and import again`;
      return { ok: false, error };
    }

    // Oldest first, so "the second missed appointment" counts the earlier one even across batches.
    const submissions: EventSubmission[] = fresh
      .map((row) => ({ childId: childByNhsNumber.get(row.nhsNumber)!, input: row.input, line: row.line }))
      .sort((a, b) => Date.parse(a.input.occurredAt) - Date.parse(b.input.occurredAt) || a.line - b.line);
    let eventsWritten = 0;
    let routed = 0;
    onProgress?.(0, submissions.length);
    for (let i = 0; i < submissions.length; i += RECORD_BATCH) {
      const batch = submissions.slice(i, i + RECORD_BATCH);
      const result = await recordEvents({ db: tx, clock }, { actor, submissions: batch, source: 'feed', checkScope: false, tx });
      for (const recorded of result.recorded) {
        if (recorded.duplicate) continue;
        eventsWritten += recorded.childIds.length;
        routed += recorded.routed.length;
      }
      onProgress?.(Math.min(i + RECORD_BATCH, submissions.length), submissions.length);
    }
    const summary: EventFeedImportSummary = {
      feed: layout.feed,
      sourceSystem,
      rows: parsed.rows.length + parsed.duplicatesInFile,
      imported: submissions.length,
      duplicatesSkipped: parsed.duplicatesInFile + alreadyImported,
      duplicatesInFile: parsed.duplicatesInFile,
      alreadyImported,
      eventsWritten,
      routed,
    };
    // The import itself, once (recordEvents audits each child): counts and codes only.
    await recordAudit(tx, { actor, action: EVENT_IMPORT_AUDIT_ACTION, outcome: 'allowed', details: { ...summary }, at: now });
    return { ok: true, value: summary };
  });
  if (!outcome.ok) {
    await recordAudit(db, { actor, action: EVENT_IMPORT_AUDIT_ACTION, outcome: 'failed', details: { reason: 'invalid', feed: layout.feed, sourceSystem, errors: outcome.error.errors.length }, at: now });
    throw outcome.error;
  }
  return outcome.value;
}

/** What a source system sent before under these ids: the event's type, time and the children it is on. */
async function loadPreviousSourceIds(db: Db, { sourceSystem, sourceIds }: { sourceSystem: string; sourceIds: readonly string[] }) {
  const previous = new Map<string, { type: string; occurredAt: number; childIds: Set<string> }>();
  if (sourceIds.length === 0) return previous;
  const { rows } = await sql<{ source_id: string; child_id: string; type: string; occurred_at: Date }>`
    SELECT source_id, child_id, type, occurred_at FROM child_events
    WHERE source_system = ${sourceSystem} AND source_id = ANY(${arrayLiteral(sourceIds)}::text[])`.execute(db);
  for (const row of rows) {
    const entry = previous.get(row.source_id) ?? { type: row.type, occurredAt: new Date(row.occurred_at).getTime(), childIds: new Set<string>() };
    entry.childIds.add(row.child_id);
    previous.set(row.source_id, entry);
  }
  return previous;
}
