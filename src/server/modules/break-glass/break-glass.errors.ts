import { createErrorFactory } from '../../shared/app-error.js';

export const createAlreadyInScopeError = createErrorFactory({ code: 'break_glass.already_in_scope', statusCode: 409, message: 'You already have access to this child’s record: open it without emergency access' });
export const createGrantNotFoundError = createErrorFactory({ code: 'break_glass.not_found', statusCode: 404, message: 'No such emergency access use' });
export const createAlreadyReviewedError = createErrorFactory({ code: 'break_glass.already_reviewed', statusCode: 409, message: 'This emergency access use has already been reviewed' });
export const createOwnUseError = createErrorFactory({ code: 'break_glass.own_use', statusCode: 403, message: 'Someone else must review your own emergency access' });
export const createNotificationNotFoundError = createErrorFactory({ code: 'notifications.not_found', statusCode: 404, message: 'No such notification' });
