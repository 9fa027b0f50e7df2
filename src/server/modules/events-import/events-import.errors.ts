import type { ImportError } from '../../../domain/lac-import/import-error.js';
import { AppError } from '../../shared/app-error.js';
import { ImportValidationError } from '../lac-import/lac-import.errors.js';

/** The feed file failed validation: nothing was written; every error as "file:line:column (rule X): message". */
export const createEventFeedInvalidError = (errors: readonly ImportError[]) => new ImportValidationError({ code: 'events_import.invalid', what: 'The event feed contains', errors });

export const createUnknownFeedError = ({ feed, feeds }: { feed: string; feeds: readonly string[] }) =>
  new AppError({ code: 'events_import.unknown_feed', statusCode: 400, message: `Choose the type of feed: one of ${feeds.join(', ')}`, fieldErrors: { type: [`"${feed}" is not a feed CLASP takes: choose one of ${feeds.join(', ')}`] } });

export const createSourceSystemInvalidError = () =>
  new AppError({ code: 'events_import.source_system', statusCode: 400, message: 'Enter the source system, 50 characters or fewer', fieldErrors: { sourceSystem: ['Enter the source system (the sending system’s name), 50 characters or fewer'] } });
