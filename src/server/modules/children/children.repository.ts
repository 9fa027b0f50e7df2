import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import type { RecordRelationships } from '../../../domain/access/permissions.js';
import type { ManualFlag, StatusEpisode } from '../../../domain/status/flags.js';
import { chainFor, readAuditIsAsync } from '../../audit/audit.js';
import { accessBasisSql, childScopeSql, relationshipColumnsSql, type ScopeTime } from './children.scope.js';

export interface ChildRow {
  id: string;
  nhs_number: string | null;
  nhs_number_status: string;
  la_child_id: string | null;
  given_name: string;
  family_name: string;
  date_of_birth: string | null;
  expected_due_on: string | null;
  is_unborn: boolean;
  born_as_child_id: string | null;
  unborn_record_id: string | null;
  mother_person_id: string | null;
  sex: string;
  ethnicity: string | null;
  registered_practice_id: string | null;
  school_id: string | null;
  responsible_la_id: string | null;
  placement_area: string | null;
}

/** Loads a child with the actor's relationships to it; undefined when no such child exists. */
export async function findChildWithRelationships(db: Db, { childId, actor, at }: { childId: string; actor: Actor; at: ScopeTime }) {
  const row = await db
    .selectFrom('children as c')
    .selectAll('c')
    .select(relationshipColumnsSql(actor, at))
    .where('c.id', '=', childId)
    .executeTakeFirst();
  return row ? splitRelationships(row) : undefined;
}

function splitRelationships(row: Record<string, unknown>): { child: ChildRow; relationships: RecordRelationships } {
  const r = row as unknown as ChildRow & {
    allocated_to_user: boolean;
    allocated_to_users_team: boolean;
    allocated_to_users_organisation: boolean;
    registered_with_users_practice: boolean;
    looked_after_or_care_leaver: boolean;
    presenting_at_users_organisation: boolean;
    routed_to_users_team: boolean;
    break_glass: boolean;
  };
  return {
    child: r,
    relationships: {
      allocatedToUser: r.allocated_to_user,
      allocatedToUsersTeam: r.allocated_to_users_team,
      allocatedToUsersOrganisation: r.allocated_to_users_organisation,
      registeredWithUsersPractice: r.registered_with_users_practice,
      lookedAfterOrCareLeaver: r.looked_after_or_care_leaver,
      presentingAtUsersOrganisation: r.presenting_at_users_organisation,
      routedToUsersTeam: r.routed_to_users_team,
      breakGlass: r.break_glass,
    },
  };
}

export async function loadEpisodes(db: Db, childIds: readonly string[]): Promise<Map<string, (StatusEpisode & { source: string; recordedAt: string })[]>> {
  const map = new Map<string, (StatusEpisode & { source: string; recordedAt: string })[]>();
  if (childIds.length === 0) return map;
  const rows = await db.selectFrom('status_episodes').selectAll().where('child_id', 'in', childIds).orderBy('started_on', 'desc').execute();
  for (const row of rows) {
    const list = map.get(row.child_id) ?? [];
    list.push({
      id: row.id,
      kind: row.kind as StatusEpisode['kind'],
      startedOn: row.started_on,
      endedOn: row.ended_on,
      cpCategory: row.cp_category as StatusEpisode['cpCategory'],
      legalStatus: row.legal_status,
      placementType: row.placement_type,
      placementProvider: row.placement_provider,
      placementInArea: row.placement_in_area,
      extendedTo25: row.extended_to_25,
      source: row.source,
      recordedAt: new Date(row.recorded_at).toISOString(),
    });
    map.set(row.child_id, list);
  }
  return map;
}

export async function loadManualFlags(db: Db, childIds: readonly string[]): Promise<Map<string, (ManualFlag & { recordedByName: string; confidentiality: string })[]>> {
  const map = new Map<string, (ManualFlag & { recordedByName: string; confidentiality: string })[]>();
  if (childIds.length === 0) return map;
  const rows = await db
    .selectFrom('manual_flags as f')
    .innerJoin('users as u', 'u.id', 'f.recorded_by')
    .selectAll('f')
    .select('u.display_name as recorded_by_name')
    .where('f.child_id', 'in', childIds)
    .orderBy('f.recorded_at', 'desc')
    .execute();
  for (const row of rows) {
    const list = map.get(row.child_id) ?? [];
    list.push({
      id: row.id,
      kind: row.kind as ManualFlag['kind'],
      note: row.note,
      source: row.source,
      recordedBy: row.recorded_by,
      recordedByName: row.recorded_by_name,
      recordedAt: new Date(row.recorded_at).toISOString(),
      reviewOn: row.review_on,
      endedOn: row.ended_on,
      disclosureDecision: row.disclosure_decision as ManualFlag['disclosureDecision'],
      disclosureReason: row.disclosure_reason,
      confidentiality: row.confidentiality,
    });
    map.set(row.child_id, list);
  }
  return map;
}

export async function loadRecordParts(db: Db, childId: string) {
  const [identifiers, names, addresses, relationships] = await Promise.all([
    db.selectFrom('child_identifiers').selectAll().where('child_id', '=', childId).orderBy('created_at').execute(),
    db.selectFrom('child_names').selectAll().where('child_id', '=', childId).orderBy('valid_from', 'desc').execute(),
    db.selectFrom('child_addresses').selectAll().where('child_id', '=', childId).orderBy('valid_from', 'desc').execute(),
    db
      .selectFrom('relationships as r')
      .leftJoin('children as rc', 'rc.id', 'r.related_child_id')
      .leftJoin('people as p', 'p.id', 'r.related_person_id')
      .select([
        'r.id',
        'r.kind',
        'r.related_child_id',
        'r.has_parental_responsibility',
        'r.lives_with',
        'r.valid_from',
        'r.valid_to',
        sql<string>`coalesce(rc.given_name || ' ' || rc.family_name, p.given_name || ' ' || p.family_name)`.as('name'),
        sql<string | null>`coalesce(rc.date_of_birth, p.date_of_birth)::text`.as('date_of_birth'),
      ])
      .where('r.child_id', '=', childId)
      .orderBy('r.recorded_at')
      .execute(),
  ]);
  return { identifiers, names, addresses, relationships };
}

export async function loadOrganisations(db: Db, ids: readonly (string | null)[]) {
  const wanted = ids.filter((id): id is string => Boolean(id));
  if (wanted.length === 0) return new Map<string, { id: string; code: string; name: string }>();
  const rows = await db.selectFrom('organisations').select(['id', 'code', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((row) => [row.id, row]));
}

/** Which of these children are in the actor's scope (for links from a household to its members). */
export async function childrenInScope(db: Db, { childIds, actor, at }: { childIds: readonly string[]; actor: Actor; at: ScopeTime }): Promise<Set<string>> {
  if (childIds.length === 0) return new Set();
  const rows = await db.selectFrom('children as c').select('c.id').where('c.id', 'in', childIds).where(childScopeSql(actor, at)).execute();
  return new Set(rows.map((row) => row.id));
}

export interface SearchCriteria {
  nhsNumber?: string | undefined;
  name?: string | undefined;
  dateOfBirth?: string | undefined;
  limit: number;
}

/** Lower-cased words of a name query (at most four; punctuation other than hyphens and apostrophes dropped). */
function searchWords(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}'\- ]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 4);
}

/**
 * Names in the vocabulary of distinct names that a search word may mean, cheapest test first: the name
 * itself; else names starting with it; else the closest spellings (pg_trgm similarity ≥ 0.3, nearest
 * first). The vocabulary is far smaller than the children table and is searched through its own indexes,
 * so a correctly spelt name costs two index probes however many children share it (migration 0003).
 */
async function similarNames(db: Db, word: string): Promise<string[]> {
  const exact = await db.selectFrom('name_vocabulary').select('name').where('name', '=', word).executeTakeFirst();
  if (exact) return [exact.name];
  const prefix = await db
    .selectFrom('name_vocabulary')
    .select('name')
    .where('name', 'like', `${word.replace(/[%_\\]/g, '')}%`)
    .orderBy('name')
    .limit(30)
    .execute();
  if (prefix.length > 0) return prefix.map((r) => r.name);
  const fuzzy = await sql<{ name: string }>`
    SELECT name FROM (SELECT name, name <-> ${word} AS distance FROM name_vocabulary ORDER BY name <-> ${word} LIMIT 30) nearest
     WHERE distance <= 0.7`.execute(db);
  return fuzzy.rows.map((r) => r.name);
}

/**
 * Child search. Name matching is fuzzy ("Thistelwood" finds "Thistlewood"): each word is matched to the
 * closest names in the vocabulary, then children are found by those exact names and ranked by similarity. `scoped` false is only used for identification by roles
 * in unscheduled care, whose results carry no flags.
 */
export async function searchChildren(db: Db, { criteria, actor, at, scoped }: { criteria: SearchCriteria; actor: Actor; at: ScopeTime; scoped: boolean }) {
  let query = db
    .selectFrom('children as c')
    .select(['c.id', 'c.nhs_number', 'c.given_name', 'c.family_name', 'c.date_of_birth', 'c.is_unborn'])
    .select(sql<string | null>`(SELECT a.postcode FROM child_addresses a WHERE a.child_id = c.id AND a.valid_to IS NULL ORDER BY a.valid_from DESC LIMIT 1)`.as('postcode'))
    .select(scoped ? sql<boolean>`true`.as('in_scope') : childScopeSql(actor, at).as('in_scope'));
  if (scoped) query = query.where(childScopeSql(actor, at));
  if (criteria.nhsNumber) query = query.where('c.nhs_number', '=', criteria.nhsNumber);
  if (criteria.dateOfBirth) query = query.where('c.date_of_birth', '=', criteria.dateOfBirth);
  if (criteria.name) {
    const words = searchWords(criteria.name);
    let allExact = true;
    for (const word of words) {
      const candidates = await similarNames(db, word);
      if (candidates.length === 0) return [];
      if (candidates.length !== 1 || candidates[0] !== word) allExact = false;
      query = query.where((eb) => eb.or([eb(sql`lower(c.family_name)`, 'in', candidates), eb(sql`lower(c.given_name)`, 'in', candidates)]));
    }
    // Ranking only matters when a word matched by prefix or spelling; exact names sort by name.
    if (!allExact) {
      query = query.orderBy(
        sql`${sql.join(
          words.map((word) => sql`greatest(similarity(lower(c.family_name), ${word}), similarity(lower(c.given_name), ${word}))`),
          sql` + `,
        )}`,
        'desc',
      );
    }
  }
  return query.orderBy('c.family_name').orderBy('c.given_name').limit(criteria.limit).execute();
}

/** Children that might be the same person as a new record: same NHS number, or a similar name and date of birth. */
export async function findDuplicateCandidates(db: Db, { nhsNumber, givenName, familyName, dateOfBirth }: { nhsNumber?: string | undefined; givenName: string; familyName: string; dateOfBirth?: string | undefined }) {
  const full = `${givenName} ${familyName}`;
  let query = db
    .selectFrom('children as c')
    .select(['c.id', 'c.nhs_number', 'c.given_name', 'c.family_name', 'c.date_of_birth'])
    .limit(20);
  query = query.where((eb) => {
    const ors = [];
    if (nhsNumber) ors.push(eb('c.nhs_number', '=', nhsNumber));
    if (dateOfBirth) {
      const [y, m, d] = dateOfBirth.split('-');
      const swapped = `${y}-${d}-${m}`;
      ors.push(eb.and([eb('c.date_of_birth', '=', dateOfBirth), sql<boolean>`similarity(c.given_name || ' ' || c.family_name, ${full}) >= 0.3`]));
      if (Number(d) <= 12 && d !== m) ors.push(eb.and([sql<boolean>`c.date_of_birth = ${swapped}::date`, sql<boolean>`c.family_name % ${familyName}`]));
    }
    return ors.length ? eb.or(ors) : sql<boolean>`false`;
  });
  return query.execute();
}

export interface FlagLookupRow {
  outcome: 'allowed' | 'not_found';
  id: string | null;
  nhs_number: string | null;
  given_name: string | null;
  family_name: string | null;
  date_of_birth: string | null;
  is_unborn: boolean | null;
  episodes: { id: string; kind: string; startedOn: string; endedOn: string | null; cpCategory: string | null; legalStatus: string | null; placementType: string | null; placementInArea: boolean | null; extendedTo25: boolean }[] | null;
  manual_flags: { id: string; kind: string; note: string | null; source: string; recordedBy: string; recordedAt: string; reviewOn: string; endedOn: string | null; disclosureDecision: 'disclosed' | 'not_disclosed'; confidentiality: string }[] | null;
  responsible_la: { id: string; code: string; name: string } | null;
}

/**
 * The hot path (the ED's "is this child on a plan?"): find the child by NHS number, decide scope, read the
 * episodes and alerts, and append the audit row — in ONE statement, so it is one round trip and one
 * implicit transaction. The audit row says whether the child was found and on what basis; it is written
 * whether or not the child is found or in scope. The record text is built in SQL with the same fields
 * recordAudit() writes, and verifies the same way.
 */
export async function lookupFlagsAudited(db: Db, { nhsNumber, actor, at, anyChild }: { nhsNumber: string; actor: Actor; at: ScopeTime; anyChild: boolean }): Promise<FlagLookupRow> {
  const occurredAt = at.now.toISOString();
  const allowed = anyChild ? sql<boolean>`true` : childScopeSql(actor, at);
  const basis = anyChild ? sql<string>`coalesce(nullif(${accessBasisSql(actor, at)}, 'none'), 'unscheduled_care')` : accessBasisSql(actor, at);
  // ADR 0006: with CLASP_READ_AUDIT_COMMIT=async this read's implicit transaction commits asynchronously.
  const commitMode = readAuditIsAsync() ? sql`, (SELECT set_config('synchronous_commit', 'off', true)) AS commit_mode` : sql``;
  const result = await sql<FlagLookupRow>`
    WITH found AS (
      SELECT c.id, c.nhs_number, c.given_name, c.family_name, c.date_of_birth, c.is_unborn, c.responsible_la_id,
             ${allowed} AS allowed, ${basis} AS basis
        FROM children c
       WHERE c.nhs_number = ${nhsNumber}
    ),
    decision AS (
      SELECT CASE WHEN f.allowed THEN 'allowed' ELSE 'not_found' END AS outcome,
             f.id AS child_id,
             CASE WHEN f.id IS NULL THEN json_build_object('reason', 'missing')
                  WHEN f.allowed THEN json_build_object('basis', f.basis)
                  ELSE json_build_object('reason', 'scope') END AS details
        FROM (SELECT 1) AS one LEFT JOIN found f ON true
    ),
    rec AS (
      SELECT d.outcome, d.child_id,
             json_build_object('v', 1, 'at', ${occurredAt}::text, 'actorId', ${actor.userId}::text, 'role', ${actor.role}::text,
                               'organisationId', ${actor.organisationId}::text, 'channel', ${actor.channel}::text,
                               'action', 'flag.lookup', 'outcome', d.outcome, 'childId', d.child_id, 'details', d.details)::text AS record
        FROM decision d
    ),
    chain AS (
      UPDATE audit_chains
         SET seq = seq + 1,
             prev_hash = last_hash,
             last_hash = encode(sha256(convert_to(last_hash || E'\n' || (SELECT record FROM rec), 'UTF8')), 'hex')
       WHERE chain_id = ${chainFor(nhsNumber)}
   RETURNING chain_id, seq, prev_hash, last_hash
    ),
    logged AS (
      INSERT INTO audit_events (chain_id, seq, occurred_at, actor_id, action, outcome, child_id, record, prev_hash, hash)
      SELECT chain.chain_id, chain.seq, ${occurredAt}::timestamptz, ${actor.userId}::uuid, 'flag.lookup', rec.outcome, rec.child_id, rec.record, chain.prev_hash, chain.last_hash
        FROM chain, rec
      RETURNING 1
    )
    SELECT d.outcome, f.id, f.nhs_number, f.given_name, f.family_name, f.date_of_birth::text AS date_of_birth, f.is_unborn,
           CASE WHEN f.allowed THEN (
             SELECT coalesce(json_agg(json_build_object('id', se.id, 'kind', se.kind, 'startedOn', se.started_on, 'endedOn', se.ended_on,
                      'cpCategory', se.cp_category, 'legalStatus', se.legal_status, 'placementType', se.placement_type,
                      'placementInArea', se.placement_in_area, 'extendedTo25', se.extended_to_25)), '[]'::json)
               FROM status_episodes se WHERE se.child_id = f.id) END AS episodes,
           CASE WHEN f.allowed THEN (
             SELECT coalesce(json_agg(json_build_object('id', mf.id, 'kind', mf.kind, 'note', mf.note, 'source', mf.source,
                      'recordedBy', mf.recorded_by, 'recordedAt', mf.recorded_at, 'reviewOn', mf.review_on, 'endedOn', mf.ended_on,
                      'disclosureDecision', mf.disclosure_decision, 'confidentiality', mf.confidentiality)), '[]'::json)
               FROM manual_flags mf WHERE mf.child_id = f.id) END AS manual_flags,
           CASE WHEN f.allowed THEN (SELECT json_build_object('id', o.id, 'code', o.code, 'name', o.name) FROM organisations o WHERE o.id = f.responsible_la_id) END AS responsible_la
      FROM decision d LEFT JOIN found f ON true, (SELECT count(*) FROM logged) AS audit_written${commitMode}`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('flag lookup returned no row');
  return row;
}
