import { formatImportError, type ImportError } from '../../../domain/lac-import/import-error.js';
import { AppError } from '../../shared/app-error.js';

/** At most this many error lines go into an API error body (the CLI prints them all). */
export const MAX_LISTED_ERRORS = 10_000;

/**
 * The files failed validation: nothing was written. `formErrors` holds one line per error,
 * "file:line:column (rule X): message"; `errors` keeps them all as data (the CLI prints every one).
 */
export class ImportValidationError extends AppError {
  readonly errors: readonly ImportError[];
  constructor({ code, what, errors }: { code: string; what: string; errors: readonly ImportError[] }) {
    const lines = errors.slice(0, MAX_LISTED_ERRORS).map(formatImportError);
    if (errors.length > MAX_LISTED_ERRORS) lines.push(`… and ${(errors.length - MAX_LISTED_ERRORS).toLocaleString('en-GB')} more errors not listed here`);
    super({
      code,
      statusCode: 400,
      message: `${what} ${errors.length === 1 ? '1 error' : `${errors.length.toLocaleString('en-GB')} errors`}, so nothing was imported. Correct ${errors.length === 1 ? 'it' : 'them'} and import again`,
      formErrors: lines,
    });
    this.errors = errors;
  }
}

export const createSsda903InvalidError = (errors: readonly ImportError[]) => new ImportValidationError({ code: 'ssda903.invalid', what: 'The SSDA903 files contain', errors });
export const createHealthActivityInvalidError = (errors: readonly ImportError[]) => new ImportValidationError({ code: 'health_activity.invalid', what: 'The health activity file contains', errors });
