/** An error a user can act on: a code (`<module>.<snake_reason>`), an HTTP status and a plain message. */
export class AppError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly fieldErrors: Record<string, string[]> | undefined;
  readonly formErrors: string[] | undefined;
  constructor({ code, statusCode, message, fieldErrors, formErrors }: { code: string; statusCode: number; message: string; fieldErrors?: Record<string, string[]>; formErrors?: string[] }) {
    super(message);
    this.code = code;
    this.statusCode = statusCode;
    this.fieldErrors = fieldErrors;
    this.formErrors = formErrors;
  }
  toBody() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.formErrors?.length ? { formErrors: this.formErrors } : {}),
        ...(this.fieldErrors && Object.keys(this.fieldErrors).length ? { fieldErrors: this.fieldErrors } : {}),
      },
    };
  }
}

export function createErrorFactory({ code, statusCode, message }: { code: string; statusCode: number; message: string }) {
  return (overrides: { message?: string; fieldErrors?: Record<string, string[]> } = {}) =>
    new AppError({ code, statusCode, message: overrides.message ?? message, ...(overrides.fieldErrors ? { fieldErrors: overrides.fieldErrors } : {}) });
}

export function fieldError(field: string, message: string, code = 'validation.invalid'): AppError {
  return new AppError({ code, statusCode: 400, message, fieldErrors: { [field]: [message] } });
}

export const createForbiddenError = createErrorFactory({ code: 'auth.forbidden', statusCode: 403, message: 'Your role does not allow this action' });
export const createUnauthenticatedError = createErrorFactory({ code: 'auth.no_session', statusCode: 401, message: 'Sign in to continue' });
