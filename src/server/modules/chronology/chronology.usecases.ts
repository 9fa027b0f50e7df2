import type { ChronologyEntry, ChronologyFilters, ChronologyQuery, ChronologyResponse } from '../../../contracts/chronology.js';
import { formatNhsNumber } from '../../../domain/identity/nhs-number.js';
import { EVENT_TYPES } from '../../../domain/safeguarding/event-types.js';
import { recordAudit } from '../../audit/audit.js';
import type { Db } from '../../db/database.js';
import { fieldError } from '../../shared/app-error.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { childrenInScope } from '../children/children.repository.js';
import { withChild } from '../children/children.usecases.js';
import type { ReportOverrideQuery } from '../../../contracts/consent.js';
import { checkReportOverride, reportInclusion, type ReportKind, type ReportOverride } from '../consent/report-inclusion.js'; // #5 consent: report inclusion
import { renderChronologyCsv, renderChronologyHtml } from './chronology.render.js';
import { decodeCursor, encodeCursor, eventTypeLabel, readableCategories, restrictionFor, roleLabel, serviceLabel, type ChronologyCursor } from './chronology.models.js';
import { countChronology, householdMemberIds, loadChronologyPage, loadHouseholdCopies, loadWorklistItems, userDisplayName, type EventScope } from './chronology.repository.js';

export interface Deps {
  db: Db;
  clock: Clock;
}

/** Filter kinds in use, for the audit row (codes only, no values a user typed). */
function auditFilters(filters: ChronologyFilters) {
  return {
    filters: (['type', 'service', 'significance', 'from', 'to'] as const).filter((k) => {
      const value = filters[k];
      return Array.isArray(value) ? value.length > 0 : Boolean(value);
    }),
  };
}

function parseCursor(text: string | undefined): ChronologyCursor | null {
  if (!text) return null;
  const cursor = decodeCursor(text);
  if (!cursor) throw fieldError('cursor', 'The page cursor is not valid: start again from the first page', 'chronology.invalid_cursor');
  return cursor;
}

/** Builds the entries of one page: content only where readable, worklist items, household members. */
async function buildEntries(tx: Db, scope: EventScope, rows: Awaited<ReturnType<typeof loadChronologyPage>>): Promise<ChronologyEntry[]> {
  const householdIds = scope.childIds.length > 1 ? [...new Set(rows.map((r) => r.household_event_id).filter((id): id is string => Boolean(id)))] : [];
  const copies = await loadHouseholdCopies(tx, { householdEventIds: householdIds, childIds: scope.childIds });
  const copiesOf = new Map<string, { childId: string; eventId: string }[]>();
  for (const c of copies) (copiesOf.get(c.household_event_id!) ?? copiesOf.set(c.household_event_id!, []).get(c.household_event_id!)!).push({ childId: c.child_id, eventId: c.id });
  const recordsOf = (row: (typeof rows)[number]) => (row.household_event_id && copiesOf.get(row.household_event_id)) || [{ childId: row.child_id, eventId: row.id }];
  // Routing of a restricted entry names teams (which can say what it was about): not loaded for it.
  const items = await loadWorklistItems(tx, rows.filter((r) => r.readable).flatMap(recordsOf));
  const itemsOf = new Map<string, typeof items>();
  for (const item of items) (itemsOf.get(`${item.child_id}|${item.event_id}`) ?? itemsOf.set(`${item.child_id}|${item.event_id}`, []).get(`${item.child_id}|${item.event_id}`)!).push(item);

  return rows.map((row) => {
    const records = recordsOf(row);
    const childIds = [...new Set(records.map((r) => r.childId))].sort();
    if (!row.readable) {
      return {
        id: row.id,
        childIds,
        householdEventId: row.household_event_id,
        occurredAt: new Date(row.occurred_at).toISOString(),
        significance: row.significance,
        source: row.source,
        type: null,
        typeLabel: null,
        service: null,
        serviceLabel: null,
        recorder: null,
        organisation: null,
        summary: null,
        details: null,
        restricted: restrictionFor(row.confidentiality),
        worklistItems: [],
      };
    }
    return {
      id: row.id,
      childIds,
      householdEventId: row.household_event_id,
      occurredAt: new Date(row.occurred_at).toISOString(),
      significance: row.significance,
      source: row.source,
      type: row.type,
      typeLabel: row.type ? eventTypeLabel(row.type) : null,
      service: row.service,
      serviceLabel: row.service ? serviceLabel(row.service) : null,
      recorder: row.recorder_name && row.recorder_role ? { name: row.recorder_name, role: row.recorder_role, roleLabel: roleLabel(row.recorder_role) } : null,
      organisation: row.organisation_name,
      summary: row.summary,
      details: row.details ?? {},
      restricted: null,
      worklistItems: records.flatMap((r) => itemsOf.get(`${r.childId}|${r.eventId}`) ?? []).map((item) => ({
        id: item.id,
        childId: item.child_id,
        teamName: item.team_name,
        action: item.action,
        priority: item.priority,
        state: item.actioned_at ? ('actioned' as const) : item.acknowledged_at ? ('acknowledged' as const) : ('open' as const),
        escalated: item.escalated_at !== null,
        createdAt: new Date(item.created_at).toISOString(),
        acknowledgedAt: item.acknowledged_at ? new Date(item.acknowledged_at).toISOString() : null,
        actionedAt: item.actioned_at ? new Date(item.actioned_at).toISOString() : null,
        outcome: item.outcome,
      })),
    };
  });
}

/** One page with the filter chips' counts. */
async function readPage(tx: Db, { scope, anchorChildId, query }: { scope: EventScope; anchorChildId: string; query: ChronologyQuery }): Promise<ChronologyResponse> {
  const cursor = parseCursor(query.cursor);
  const [rows, counts] = await Promise.all([
    loadChronologyPage(tx, { scope, filters: query, cursor, limit: query.limit }),
    countChronology(tx, { scope, filters: query }),
  ]);
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  const entries = await buildEntries(tx, scope, page);

  const typeFilter = query.type?.length ? new Set<string>(query.type) : null;
  const serviceFilter = query.service?.length ? new Set<string>(query.service) : null;
  const byType = new Map<string, number>();
  let total = 0;
  let restrictedCount = 0;
  const readable = new Set<string>(scope.readable);
  for (const c of counts) {
    if (!readable.has(c.confidentiality)) {
      restrictedCount += c.n;
      if (!typeFilter && !serviceFilter) total += c.n;
      continue;
    }
    const serviceOk = !serviceFilter || serviceFilter.has(c.service);
    if (serviceOk) byType.set(c.type, (byType.get(c.type) ?? 0) + c.n);
    if (serviceOk && (!typeFilter || typeFilter.has(c.type))) total += c.n;
  }
  const known = EVENT_TYPES.filter((t) => byType.has(t));
  const other = [...byType.keys()].filter((t) => !(EVENT_TYPES as readonly string[]).includes(t)).sort();
  return {
    childId: anchorChildId,
    childIds: [...scope.childIds],
    entries,
    nextCursor: hasMore && last ? encodeCursor({ occurredAt: last.occurred_key, id: last.id }) : null,
    total,
    typeCounts: [...known, ...other].map((type) => ({ type, label: eventTypeLabel(type), count: byType.get(type) ?? 0 })),
    restrictedCount,
    restrictedHiddenByFilter: restrictedCount > 0 && Boolean(typeFilter || serviceFilter),
  };
}

/**
 * DIAGNOSTIC ONLY (bench/chronology.ts): the same page with scope and audit switched off — no withChild,
 * no transaction, no audit row — so the benchmark can report what scope and audit cost (#5: ≤ 20%).
 * Never registered as a route by CLASP itself.
 */
export async function readChronologyWithoutScopeOrAudit(db: Db, { actor, childId, query, now }: { actor: Actor; childId: string; query: ChronologyQuery; now: Date }): Promise<ChronologyResponse> {
  return readPage(db, { scope: { childIds: [childId], readable: readableCategories(actor.role, { steppedUpAt: actor.steppedUpAt, now }), dedupeHousehold: false }, anchorChildId: childId, query });
}

/** A child's chronology, newest first: withChild (safeguarding_event read), audited as chronology.read. */
export async function readChronology(deps: Deps, { actor, childId, query }: { actor: Actor; childId: string; query: ChronologyQuery }): Promise<ChronologyResponse> {
  parseCursor(query.cursor);
  return withChild(deps, { actor, childId, resource: 'safeguarding_event', action: 'read', auditAction: 'chronology.read', details: { ...auditFilters(query), page: query.cursor ? 'next' : 'first' } }, (tx) =>
    readPage(tx, { scope: { childIds: [childId], readable: readableCategories(actor.role, { steppedUpAt: actor.steppedUpAt, now: deps.clock.now() }), dedupeHousehold: false }, anchorChildId: childId, query }),
  );
}

/**
 * The household's chronology: the child and every member of its household the reader has in scope
 * (members outside it are left out without trace), a household event once. One audit row per child read.
 */
export async function readHouseholdChronology(deps: Deps, { actor, childId, query }: { actor: Actor; childId: string; query: ChronologyQuery }): Promise<ChronologyResponse> {
  parseCursor(query.cursor);
  const now = deps.clock.now();
  const at = { today: deps.clock.today(), now };
  return withChild(deps, { actor, childId, resource: 'safeguarding_event', action: 'read', auditAction: 'chronology.read', details: { ...auditFilters(query), page: query.cursor ? 'next' : 'first', household: true } }, async (tx) => {
    const members = await householdMemberIds(tx, { childId, today: at.today });
    const inScope = await childrenInScope(tx, { childIds: members, actor, at });
    const others = members.filter((id) => inScope.has(id)).sort();
    // A household is a handful of children: one single-statement audit row each (no chain-head locking round trips).
    for (const memberId of others) await recordAudit(tx, { actor, action: 'chronology.read', outcome: 'allowed', childId: memberId, details: { ...auditFilters(query), household: true, viaChildId: childId }, at: now });
    return readPage(tx, { scope: { childIds: [childId, ...others], readable: readableCategories(actor.role, { steppedUpAt: actor.steppedUpAt, now: deps.clock.now() }), dedupeHousehold: true }, anchorChildId: childId, query });
  });
}

const EXPORT_BATCH = 1000;

/**
 * Every entry matching the filters, read page by page on the same keyset. #5 consent (report inclusion):
 * `inclusion` leaves out entries of a category the report may not include; `included` collects the ids and
 * categories of those kept, for the override's share row.
 */
async function readAll(tx: Db, scope: EventScope, filters: ChronologyFilters, inclusion?: { includes(category: string): boolean; included: { eventId: string; category: string }[] }): Promise<ChronologyEntry[]> {
  const all: ChronologyEntry[] = [];
  let cursor: ChronologyCursor | null = null;
  for (;;) {
    const rows = await loadChronologyPage(tx, { scope, filters, cursor, limit: EXPORT_BATCH });
    const page = rows.slice(0, EXPORT_BATCH);
    // An entry the report may not include is not dropped: it stays as a restricted row (that it exists, when,
    // whom to ask — never its content), as the chronology shows entries a reader may not see (#5).
    const kept = inclusion ? page.filter((r) => inclusion.includes(r.confidentiality)) : page;
    const keptIds = new Set(kept.map((r) => r.id));
    inclusion?.included.push(...page.map((r) => ({ eventId: r.id, category: r.confidentiality })));
    const entries = await buildEntries(tx, scope, page.map((r) => (keptIds.has(r.id) ? r : { ...r, readable: false })));
    all.push(...entries.map((entry) => (keptIds.has(entry.id) || !entry.restricted ? entry : { ...entry, restricted: notInReport(entry.restricted) })));
    const last = page[page.length - 1];
    if (rows.length <= EXPORT_BATCH || !last) return all;
    cursor = { occurredAt: last.occurred_key, id: last.id };
  }
}

/** A confidential entry left out of a report without consent: whom to ask says why. */
function notInReport(restricted: NonNullable<ChronologyEntry['restricted']>): NonNullable<ChronologyEntry['restricted']> {
  return { ...restricted, whomToAsk: `${restricted.whomToAsk} (not included in reports without the young person’s or family’s consent, or a safeguarding override)` };
}

function exportFilters(query: ChronologyQuery): ChronologyFilters {
  const { cursor: _cursor, limit: _limit, ...filters } = query;
  return filters;
}

/**
 * #5 consent: an export is a report. Entries of a non-standard category are left out unless an include-in-report
 * consent covers the category or the request carries a safeguarding override (consent/report-inclusion.ts).
 */
async function readForReport(deps: Deps, tx: Db, { actor, childId, filters, report, override, auditDetails }: { actor: Actor; childId: string; filters: ChronologyFilters; report: ReportKind; override: ReportOverride | null; auditDetails: Record<string, unknown> }) {
  const inclusion = await reportInclusion(tx, { actor, childId, report, override, now: deps.clock.now(), today: deps.clock.today() });
  const included: { eventId: string; category: string }[] = [];
  const entries = await readAll(tx, { childIds: [childId], readable: readableCategories(actor.role, { steppedUpAt: actor.steppedUpAt, now: deps.clock.now() }), dedupeHousehold: false }, filters, { includes: (c) => inclusion.includes(c), included });
  const { omitted } = await inclusion.finish(included);
  Object.assign(auditDetails, { omittedWithoutConsent: omitted, reportConsentIds: inclusion.consentIds, override: override !== null });
  return { entries, omitted };
}

/** The chronology as CSV for conferences and supervision; audited as chronology.export. */
export async function exportChronologyCsv(deps: Deps, { actor, childId, query, overrideQuery = {} }: { actor: Actor; childId: string; query: ChronologyQuery; overrideQuery?: ReportOverrideQuery }): Promise<{ csv: string; omitted: number }> {
  const filters = exportFilters(query);
  const override = await checkReportOverride(deps.db, { actor, childId, query: overrideQuery, report: 'chronology_csv', now: deps.clock.now() });
  const auditDetails: Record<string, unknown> = { ...auditFilters(filters), format: 'csv' };
  return withChild(deps, { actor, childId, resource: 'safeguarding_event', action: 'read', auditAction: 'chronology.export', details: auditDetails }, async (tx) => {
    const { entries, omitted } = await readForReport(deps, tx, { actor, childId, filters, report: 'chronology_csv', override, auditDetails });
    return { csv: renderChronologyCsv(entries), omitted };
  });
}

/** A self-contained, print-styled HTML page of the chronology; audited as chronology.export. */
export async function printChronology(deps: Deps, { actor, childId, query, overrideQuery = {} }: { actor: Actor; childId: string; query: ChronologyQuery; overrideQuery?: ReportOverrideQuery }): Promise<{ html: string; styleHash: string; omitted: number }> {
  const filters = exportFilters(query);
  const override = await checkReportOverride(deps.db, { actor, childId, query: overrideQuery, report: 'chronology_print', now: deps.clock.now() });
  const auditDetails: Record<string, unknown> = { ...auditFilters(filters), format: 'print' };
  return withChild(deps, { actor, childId, resource: 'safeguarding_event', action: 'read', auditAction: 'chronology.export', details: auditDetails }, async (tx, { child }) => {
    const { entries, omitted } = await readForReport(deps, tx, { actor, childId, filters, report: 'chronology_print', override, auditDetails });
    const page = renderChronologyHtml({
      child: {
        name: `${child.given_name} ${child.family_name}`,
        nhsNumber: child.nhs_number ? formatNhsNumber(child.nhs_number) : null,
        dateOfBirth: child.date_of_birth,
      },
      generatedBy: { name: await userDisplayName(tx, actor.userId), roleLabel: roleLabel(actor.role) },
      generatedAt: deps.clock.now(),
      filters,
      entries,
    });
    return { ...page, omitted };
  });
}
