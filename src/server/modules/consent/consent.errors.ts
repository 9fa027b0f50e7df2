import { AppError, createErrorFactory } from '../../shared/app-error.js';

export const createConsentNotFoundError = createErrorFactory({ code: 'consent.not_found', statusCode: 404, message: 'No such consent for this child' });
export const createAlreadyWithdrawnError = createErrorFactory({ code: 'consent.already_withdrawn', statusCode: 409, message: 'This consent has already been withdrawn' });
export const createYoungPersonDecidesError = createErrorFactory({
  code: 'consent.young_person_decides',
  statusCode: 409,
  message: 'The young person has already made this decision as a competent young person: a parent cannot consent over it',
});
export const createCategoryNotVisibleError = createErrorFactory({ code: 'share.category_not_visible', statusCode: 403, message: 'You cannot share entries whose content you are not allowed to see' });

/** 409: sharing needs consent that is not there; the message and formErrors name each missing category and why. */
export function createConsentRequiredError({ missing, reason, recipientName }: { missing: { code: string; label: string }[]; reason: 'none' | 'withdrawn' | 'expired' | 'out_of_scope'; recipientName: string }): AppError {
  const why = { none: 'there is no consent on record', withdrawn: 'consent was withdrawn', expired: 'consent has expired', out_of_scope: 'the consent on record does not cover this' }[reason];
  const labels = missing.map((m) => m.label);
  return new AppError({
    code: 'consent.required',
    statusCode: 409,
    message: `Consent is needed to share ${labels.join(', ')} entries with ${recipientName}: ${why}. Record consent, or use the safeguarding override if sharing is needed to protect the child`,
    formErrors: missing.map((m) => `No consent to share ${m.label} entries (${m.code})`),
  });
}
