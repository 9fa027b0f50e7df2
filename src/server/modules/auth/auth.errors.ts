import { AppError, createErrorFactory } from '../../shared/app-error.js';

export const createInvalidCredentialsError = createErrorFactory({ code: 'auth.invalid_credentials', statusCode: 401, message: 'Enter a correct username and password' });
export const createLockedError = createErrorFactory({ code: 'auth.locked', statusCode: 401, message: 'This account is locked after too many failed sign-in attempts. Try again in 15 minutes or ask your system administrator' });
export const createCsrfError = createErrorFactory({ code: 'auth.csrf', statusCode: 403, message: 'Your session could not be confirmed. Reload the page and try again' });
export const createRateLimitedError = createErrorFactory({ code: 'auth.rate_limited', statusCode: 429, message: 'Too many sign-in attempts. Wait a minute and try again' });
/** Step-up (#5): the password re-entered was wrong; the message names the field so the form can show it. */
export const createStepUpFailedError = () => new AppError({ code: 'auth.step_up_failed', statusCode: 400, message: 'Enter your correct password', fieldErrors: { password: ['Enter your correct password'] } });
export const createStepUpRequiredError = createErrorFactory({ code: 'auth.step_up_required', statusCode: 401, message: 'Enter your password again to continue' });
