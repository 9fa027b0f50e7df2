import { canPerform } from '../../../domain/access/permissions.js';
import { formatNhsNumber } from '../../../domain/identity/nhs-number.js';
import { flagLabel } from '../../../domain/status/flags.js';
import { recordAudit } from '../../audit/audit.js';
import { createForbiddenError } from '../../shared/app-error.js';
import type { Actor } from '../../shared/actor.js';
import type { Deps } from '../children/children.usecases.js';
import { createPracticeNotFoundError } from '../children/children.errors.js';
import { childScopeSql } from '../children/children.scope.js';

const COHORT_KINDS = ['looked_after', 'child_protection', 'child_in_need'] as const;

/**
 * The practice cohort: every registered child who is looked after, on a child protection plan or on a
 * child in need plan today (CQC Bedford 2015, 5.1.4 and recommendation 4.6), from the status episodes.
 */
export async function practiceCohort({ db, clock }: Deps, { actor, practiceId }: { actor: Actor; practiceId?: string | undefined }) {
  const now = clock.now();
  const today = clock.today();
  const targetPractice = practiceId ?? actor.organisationId;
  return db.transaction().execute(async (tx) => {
    if (!canPerform({ role: actor.role, resource: 'cohort', action: 'read' })) {
      await recordAudit(tx, { actor, action: 'cohort.read', outcome: 'denied', details: { practiceId: targetPractice }, at: now });
      return { error: createForbiddenError() } as const;
    }
    const practice = await tx.selectFrom('organisations').select(['id', 'code', 'name']).where('id', '=', targetPractice).where('kind', '=', 'gp_practice').executeTakeFirst();
    if (!practice) {
      await recordAudit(tx, { actor, action: 'cohort.read', outcome: 'not_found', details: { practiceId: targetPractice }, at: now });
      return { error: createPracticeNotFoundError() } as const;
    }
    const rows = await tx
      .selectFrom('children as c')
      .innerJoin('status_episodes as se', 'se.child_id', 'c.id')
      .select(['c.id', 'c.nhs_number', 'c.given_name', 'c.family_name', 'c.date_of_birth', 'se.kind', 'se.started_on', 'se.cp_category', 'se.legal_status'])
      .where('c.registered_practice_id', '=', practice.id)
      .where('se.kind', 'in', COHORT_KINDS)
      .where('se.started_on', '<=', today)
      .where((eb) => eb.or([eb('se.ended_on', 'is', null), eb('se.ended_on', '>=', today)]))
      .where(childScopeSql(actor, { today, now }))
      .orderBy('c.family_name')
      .orderBy('c.given_name')
      .execute();
    const byChild = new Map<string, { id: string; nhsNumberFormatted: string | null; givenName: string; familyName: string; dateOfBirth: string | null; statuses: { kind: string; label: string; startedOn: string; detail: string | null }[] }>();
    for (const row of rows) {
      const entry = byChild.get(row.id) ?? { id: row.id, nhsNumberFormatted: row.nhs_number ? formatNhsNumber(row.nhs_number) : null, givenName: row.given_name, familyName: row.family_name, dateOfBirth: row.date_of_birth, statuses: [] };
      const code = row.kind === 'child_protection' ? 'child_protection_plan' : (row.kind as 'looked_after' | 'child_in_need');
      entry.statuses.push({ kind: row.kind, label: flagLabel(code), startedOn: row.started_on, detail: row.cp_category ?? row.legal_status ?? null });
      byChild.set(row.id, entry);
    }
    const children = [...byChild.values()];
    const count = (kind: string) => children.filter((c) => c.statuses.some((s) => s.kind === kind)).length;
    await recordAudit(tx, { actor, action: 'cohort.read', outcome: 'allowed', details: { practiceId: practice.id, resultChildIds: children.map((c) => c.id) }, at: now });
    return {
      value: {
        practice,
        counts: { lookedAfter: count('looked_after'), childProtection: count('child_protection'), childInNeed: count('child_in_need'), total: children.length },
        children,
      },
    } as const;
  }).then((result) => {
    if ('error' in result) throw result.error;
    return result.value;
  });
}

