import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import type { RecordRelationships } from '../../../domain/access/permissions.js';
import type { ManualFlag, StatusEpisode } from '../../../domain/status/flags.js';
import { childScopeSql, relationshipColumnsSql, type ScopeTime } from './children.scope.js';

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

export async function findChildByNhsNumberWithRelationships(db: Db, { nhsNumber, actor, at }: { nhsNumber: string; actor: Actor; at: ScopeTime }) {
  const row = await db
    .selectFrom('children as c')
    .selectAll('c')
    .select(relationshipColumnsSql(actor, at))
    .where('c.nhs_number', '=', nhsNumber)
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

export async function loadManualFlags(db: Db, childIds: readonly string[]): Promise<Map<string, (ManualFlag & { recordedByName: string })[]>> {
  const map = new Map<string, (ManualFlag & { recordedByName: string })[]>();
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

/**
 * Child search. Name matching uses pg_trgm similarity on given and family names (fuzzy: "Thistelwood"
 * finds "Thistlewood"), ranked by similarity. `scoped` false is only used for identification by roles
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
    const words = criteria.name.toLowerCase().split(/\s+/).filter(Boolean);
    for (const word of words) {
      query = query.where(sql<boolean>`(c.family_name % ${word} OR c.given_name % ${word} OR lower(c.family_name) LIKE ${word.replace(/[%_\\]/g, '') + '%'} OR lower(c.given_name) LIKE ${word.replace(/[%_\\]/g, '') + '%'})`);
    }
    const full = words.join(' ');
    query = query.orderBy(sql`greatest(similarity(c.given_name || ' ' || c.family_name, ${full}), similarity(c.family_name, ${full}))`, 'desc');
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
