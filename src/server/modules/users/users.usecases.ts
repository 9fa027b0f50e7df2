import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { createUserBody } from '../../../contracts/auth.js';
import { canPerform } from '../../../domain/access/permissions.js';
import type { Db } from '../../db/database.js';
import { recordAudit } from '../../audit/audit.js';
import { AppError, createForbiddenError, fieldError } from '../../shared/app-error.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { hashPassword } from '../auth/password.js';

/** Adds a local account (for the CLI `clasp users add` and the admin API). */
export async function addUser({ db, clock }: { db: Db; clock: Clock }, { actor, input }: { actor: Actor | null; input: z.output<typeof createUserBody> }) {
  if (actor && !canPerform({ role: actor.role, resource: 'user', action: 'create' })) {
    await recordAudit(db, { actor, action: 'user.create', outcome: 'denied', at: clock.now() });
    throw createForbiddenError();
  }
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    const org = await tx.selectFrom('organisations').select(['id']).where('code', '=', input.organisationCode).executeTakeFirst();
    if (!org) throw fieldError('organisationCode', `No organisation has the code ${input.organisationCode}`, 'users.unknown_organisation');
    let teamId: string | null = null;
    if (input.teamName) {
      const team = await tx.selectFrom('teams').select('id').where('organisation_id', '=', org.id).where('name', '=', input.teamName).executeTakeFirst();
      if (!team) throw fieldError('teamName', `No team called ${input.teamName} in that organisation`, 'users.unknown_team');
      teamId = team.id;
    }
    if (await tx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst())
      throw new AppError({ code: 'users.username_taken', statusCode: 409, message: 'That username is already in use', fieldErrors: { username: ['That username is already in use'] } });
    await tx.insertInto('users').values({ id, username: input.username, display_name: input.displayName, password_hash: passwordHash, role_id: input.role, organisation_id: org.id, team_id: teamId, locked_until: null }).execute();
    await recordAudit(tx, { actor, action: 'user.create', outcome: 'allowed', details: { userId: id, role: input.role }, at: clock.now() });
  });
  return { id, username: input.username };
}
