import { createErrorFactory } from '../../shared/app-error.js';

/** A team that does not exist and a team the reader may not see are the same answer (as for worklists). */
export const createDriftTeamNotFoundError = createErrorFactory({ code: 'drift.team_not_found', statusCode: 404, message: 'Team not found, or you are not a member of it' });
