import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../../../contracts/errors.js';
import { FEED_NAMES } from '../../../domain/events-import/feed-layouts.js';
import { importEventFeed, type Deps } from './events-import.usecases.js';

/** An ED's day is a few thousand rows; a backlog or a national test file tens of megabytes (as the LAC imports). */
export const EVENT_IMPORT_BODY_LIMIT_BYTES = 50 * 1024 * 1024;

export const eventFeedImportQuery = z.object({
  type: z.enum(FEED_NAMES as [string, ...string[]], { error: `Choose the type of feed: one of ${FEED_NAMES.join(', ')}` }),
  sourceSystem: z.string({ error: 'Enter the source system' }).trim().min(1, 'Enter the source system').max(50, 'Source system must be 50 characters or fewer'),
  /** Shown in each error's file:line:column; default `<type>.csv`. */
  fileName: z.string().trim().min(1).max(255).optional(),
});

export const eventFeedImportResponse = z.object({
  feed: z.string(),
  sourceSystem: z.string(),
  rows: z.number().int(),
  imported: z.number().int(),
  duplicatesSkipped: z.number().int(),
  duplicatesInFile: z.number().int(),
  alreadyImported: z.number().int(),
  eventsWritten: z.number().int(),
  routed: z.number().int(),
});

/** Thin wiring: the CSV is the body (text/csv), the use-case checks it and records it, all or nothing. */
export function eventsImportRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    // Scoped to this plugin: the CSV arrives as text.
    app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: EVENT_IMPORT_BODY_LIMIT_BYTES }, (_req, body, done) => done(null, body));

    app.post(
      '/imports/events',
      {
        bodyLimit: EVENT_IMPORT_BODY_LIMIT_BYTES,
        schema: {
          tags: ['events'],
          summary: 'Import an event feed (CSV: ed-attendance, admission, missed-appointment, police-dv-notification) — all or nothing, routed to worklists',
          querystring: eventFeedImportQuery,
          body: z.string({ error: 'Send the feed file as the request body (Content-Type: text/csv)' }),
          response: { 200: eventFeedImportResponse, 400: errorBody, 401: errorBody, 403: errorBody, 409: errorBody, 413: errorBody },
        },
      },
      async (req) =>
        importEventFeed(deps, { actor: req.actor(), feed: req.query.type, sourceSystem: req.query.sourceSystem, fileName: req.query.fileName ?? `${req.query.type}.csv`, text: req.body }),
    );
  };
}
