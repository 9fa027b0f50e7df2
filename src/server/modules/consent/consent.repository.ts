import type { ConfidentialityCategory } from '../../../domain/access/confidentiality.js';
import type { ConsentPurpose, ConsentRecord } from '../../../domain/consent/consent.js';
import type { Db } from '../../db/database.js';

export interface ConsentRow {
  child_id: string;
  id: string;
  purpose: string;
  recipient_organisation_id: string | null;
  recipient_service: string | null;
  categories: string[];
  scope: string;
  given_by: string;
  parental_responsibility_relationship_id: string | null;
  competence_basis: string | null;
  competence_assessed_by: string | null;
  given_on: string;
  expires_on: string | null;
  recorded_by: string;
  recorded_at: Date;
  withdrawn_on: string | null;
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
  withdrawn_reason: string | null;
}

/**
 * A consent row as the pure rules see it. `decidedAt`: the instant a share or report is being decided. A
 * withdrawal already committed counts even if its instant is later than `decidedAt` (a share that waited on
 * the consent rows' lock while the withdrawal was written must not slip through: hazard H-K1).
 */
export function toConsentRecord(row: ConsentRow, decidedAt?: Date): ConsentRecord {
  const withdrawnAt = row.withdrawn_at ? new Date(row.withdrawn_at) : null;
  return {
    id: row.id,
    purpose: row.purpose as ConsentPurpose,
    recipient: row.recipient_organisation_id ? { organisationId: row.recipient_organisation_id, service: row.recipient_service } : null,
    categories: row.categories as ConfidentialityCategory[],
    givenOn: row.given_on,
    expiresOn: row.expires_on,
    withdrawnAt: withdrawnAt && decidedAt && withdrawnAt.getTime() > decidedAt.getTime() ? decidedAt : withdrawnAt,
  };
}

/**
 * A child's consents, optionally for one purpose. `FOR SHARE` when deciding a share: a withdrawal being
 * written at the same moment waits for the share to commit, or the share waits for the withdrawal and then
 * sees it — never a share after a committed withdrawal (hazard H-K1).
 */
export async function loadConsents(db: Db, { childId, purpose, lock = false }: { childId: string; purpose?: ConsentPurpose; lock?: boolean }): Promise<ConsentRow[]> {
  let query = db.selectFrom('consents').selectAll().where('child_id', '=', childId);
  if (purpose) query = query.where('purpose', '=', purpose);
  query = query.orderBy('given_on', 'desc').orderBy('recorded_at', 'desc');
  const rows = lock ? await query.forShare().execute() : await query.execute();
  return rows as ConsentRow[];
}

export async function findConsent(db: Db, { childId, consentId }: { childId: string; consentId: string }): Promise<ConsentRow | undefined> {
  return (await db.selectFrom('consents').selectAll().where('child_id', '=', childId).where('id', '=', consentId).forUpdate().executeTakeFirst()) as ConsentRow | undefined;
}

export async function insertConsent(db: Db, row: Omit<ConsentRow, 'withdrawn_on' | 'withdrawn_at' | 'withdrawn_by' | 'withdrawn_reason'>): Promise<void> {
  await db.insertInto('consents').values(row).execute();
}

export async function withdrawConsent(db: Db, { childId, consentId, on, at, by, reason }: { childId: string; consentId: string; on: string; at: Date; by: string; reason: string }): Promise<void> {
  await db.updateTable('consents').set({ withdrawn_on: on, withdrawn_at: at, withdrawn_by: by, withdrawn_reason: reason }).where('child_id', '=', childId).where('id', '=', consentId).execute();
}

/** The people with parental responsibility for a child on a date (relationships rows). */
export async function parentalResponsibilityHolders(db: Db, { childId, on }: { childId: string; on: string }) {
  const rows = await db
    .selectFrom('relationships as r')
    .leftJoin('people as p', 'p.id', 'r.related_person_id')
    .select(['r.id', 'r.kind', 'p.given_name', 'p.family_name'])
    .where('r.child_id', '=', childId)
    .where('r.has_parental_responsibility', '=', true)
    .where((eb) => eb.or([eb('r.valid_from', 'is', null), eb('r.valid_from', '<=', on)]))
    .where((eb) => eb.or([eb('r.valid_to', 'is', null), eb('r.valid_to', '>=', on)]))
    .orderBy('r.kind')
    .execute();
  return rows.map((r) => ({ relationshipId: r.id, kind: r.kind, name: r.given_name || r.family_name ? `${r.given_name ?? ''} ${r.family_name ?? ''}`.trim() : null }));
}

export async function userNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function organisationNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function findTeam(db: Db, teamId: string) {
  return db.selectFrom('teams as t').innerJoin('organisations as o', 'o.id', 't.organisation_id').select(['t.id', 't.name', 't.kind', 't.organisation_id', 'o.name as organisation_name']).where('t.id', '=', teamId).executeTakeFirst();
}

/** The team that takes an organisation's shared work: the one marked to receive unallocated work, else its only team. */
export async function teamForOrganisation(db: Db, organisationId: string) {
  const rows = await db
    .selectFrom('teams as t')
    .innerJoin('organisations as o', 'o.id', 't.organisation_id')
    .select(['t.id', 't.name', 't.kind', 't.organisation_id', 'o.name as organisation_name', 't.receives_unallocated'])
    .where('t.organisation_id', '=', organisationId)
    .orderBy('t.name')
    .execute();
  return { organisationExists: (await db.selectFrom('organisations').select('id').where('id', '=', organisationId).executeTakeFirst()) !== undefined, team: rows.find((r) => r.receives_unallocated) ?? (rows.length === 1 ? rows[0] : undefined), teams: rows.length };
}

export async function loadChildEvents(db: Db, { childId, eventIds }: { childId: string; eventIds: readonly string[] }) {
  if (eventIds.length === 0) return [];
  return db.selectFrom('child_events').select(['id', 'confidentiality', 'type']).where('child_id', '=', childId).where('id', 'in', [...new Set(eventIds)]).execute();
}

export async function insertShare(
  db: Db,
  row: { childId: string; id: string; eventIds: string[]; purpose: ConsentPurpose; recipientTeamId: string | null; recipientOrganisationId: string | null; report: string | null; basis: 'consent' | 'safeguarding_override'; consentIds: string[]; overrideReason: string | null; sharedBy: string; sharedAt: Date },
): Promise<void> {
  await db
    .insertInto('shares')
    .values({
      child_id: row.childId,
      id: row.id,
      event_ids: row.eventIds,
      purpose: row.purpose,
      recipient_team_id: row.recipientTeamId,
      recipient_organisation_id: row.recipientOrganisationId,
      report: row.report,
      basis: row.basis,
      consent_ids: row.consentIds,
      override_reason: row.overrideReason,
      shared_by: row.sharedBy,
      shared_at: row.sharedAt,
    })
    .execute();
}

/**
 * One worklist item per shared entry for the recipient team (rule 'manual-share', action 'copy'), so the
 * share is acknowledged and actioned like any routed item. An entry already shared with the team keeps its
 * item (the table allows one per event, team and rule): the ids returned are the items now open for it.
 */
export async function insertShareWorklistItems(
  db: Db,
  { childId, eventIds, teamId, reason, createdAt, escalateAt, newId }: { childId: string; eventIds: readonly string[]; teamId: string; reason: string; createdAt: Date; escalateAt: Date; newId: () => string },
): Promise<string[]> {
  for (const eventId of eventIds) {
    await db
      .insertInto('worklist_items')
      .values({ child_id: childId, id: newId(), event_id: eventId, team_id: teamId, rule_id: 'manual-share', rule_version: 1, action: 'copy', priority: 'routine', reason, created_at: createdAt, escalate_at: escalateAt })
      .onConflict((oc) => oc.columns(['child_id', 'event_id', 'team_id', 'rule_id']).doNothing())
      .execute();
  }
  const rows = await db.selectFrom('worklist_items').select('id').where('child_id', '=', childId).where('team_id', '=', teamId).where('rule_id', '=', 'manual-share').where('event_id', 'in', [...eventIds]).execute();
  return rows.map((r) => r.id);
}

export async function loadShares(db: Db, { childId }: { childId: string }) {
  return db
    .selectFrom('shares as s')
    .leftJoin('teams as t', 't.id', 's.recipient_team_id')
    .leftJoin('organisations as o', 'o.id', 's.recipient_organisation_id')
    .innerJoin('users as u', 'u.id', 's.shared_by')
    .select(['s.id', 's.purpose', 's.basis', 's.event_ids', 's.report', 's.override_reason', 's.shared_at', 'u.display_name as shared_by_name', 't.name as team_name', 'o.name as organisation_name'])
    .where('s.child_id', '=', childId)
    .orderBy('s.shared_at', 'desc')
    .limit(500)
    .execute();
}

export async function listShareRecipients(db: Db) {
  const [teams, organisations] = await Promise.all([
    db.selectFrom('teams as t').innerJoin('organisations as o', 'o.id', 't.organisation_id').select(['t.id', 't.name', 't.kind', 't.organisation_id', 'o.name as organisation_name']).where('t.kind', 'not in', ['administration', 'commissioning']).orderBy('o.name').orderBy('t.name').execute(),
    db.selectFrom('organisations').select(['id', 'name', 'kind']).orderBy('name').execute(),
  ]);
  return { teams, organisations };
}
