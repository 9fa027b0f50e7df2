import { createErrorFactory, fieldError } from '../../shared/app-error.js';

export const createNotNamedProfessionalError = createErrorFactory({
  code: 'access_review.forbidden',
  statusCode: 403,
  message: 'Only the designated and named professionals and the child’s allocated practitioner can see who has looked at this record',
});
export const createAuditUserNotFoundError = createErrorFactory({ code: 'audit.user_not_found', statusCode: 404, message: 'No such user' });

export const periodOrderError = (field: 'to' = 'to') => fieldError(field, 'The date to review to must be the same as or after the date to review from', 'access_review.period_order');
export const periodTooLongError = (days: number) => fieldError('from', `A review covers at most ${days} days: choose a shorter period`, 'access_review.period_too_long');
export const exportSubjectError = () => fieldError('childId', 'Give either a child (childId) or a user (userId) to export, not both and not neither', 'audit.export_subject');
export const exportPeriodOrderError = () => fieldError('to', 'The date to export to must be the same as or after the date to export from', 'audit.period_order');
