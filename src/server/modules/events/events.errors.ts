import { createErrorFactory } from '../../shared/app-error.js';

export const createWorklistItemNotFoundError = createErrorFactory({ code: 'worklists.item_not_found', statusCode: 404, message: 'Worklist item not found. It does not exist or is not for your team' });
export const createWorklistItemStateError = createErrorFactory({ code: 'worklists.wrong_state', statusCode: 409, message: 'This item has already been dealt with' });
export const createTeamNotFoundError = createErrorFactory({ code: 'worklists.team_not_found', statusCode: 404, message: 'Team not found, or you are not a member of it' });
export const createSourceIdConflictError = createErrorFactory({ code: 'events.source_id_conflict', statusCode: 409, message: 'This source id was already used for a different event' });
