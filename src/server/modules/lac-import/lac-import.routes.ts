import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../../../contracts/errors.js';
import { importHealthActivity } from './health-activity.usecases.js';
import { importSsda903, type Deps } from './ssda903.usecases.js';

/** A national return is tens of megabytes of CSV; the web reads the chosen files and posts their text. */
export const LAC_IMPORT_BODY_LIMIT_BYTES = 50 * 1024 * 1024;

const fileText = (name: string) => z.string({ error: `Choose ${name}` });

export const ssda903ImportBody = z.object({
  files: z
    .object({
      'header.csv': fileText('header.csv'),
      'episodes.csv': fileText('episodes.csv'),
      'reviews.csv': fileText('reviews.csv').optional(),
      'missing.csv': fileText('missing.csv').optional(),
      'oc2.csv': fileText('oc2.csv').optional(),
    })
    .strict(),
});

const counts = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });
export const ssda903ImportResponse = z.object({
  children: counts,
  episodes: counts.extend({ deleted: z.number().int() }),
  reviews: counts,
  missing: counts,
  oc2: z.object({ rows: z.number().int(), stored: z.number().int() }),
});

export const healthActivityImportBody = z.object({
  fileName: z.string().trim().min(1, 'Give the file name').max(255),
  text: z.string({ error: 'Choose a file' }),
});
export const healthActivityImportResponse = z.object({ rows: z.number().int(), created: z.number().int(), unchanged: z.number().int(), children: z.number().int() });

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 413: errorBody };

/** Thin wiring: the body is parsed by zod, the use-case validates the files and writes them, all or nothing. */
export function lacImportRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/lac/imports/ssda903',
      {
        bodyLimit: LAC_IMPORT_BODY_LIMIT_BYTES,
        schema: {
          tags: ['lac'],
          summary: 'Import the SSDA903 return (header, episodes and optionally reviews, missing, OC2) — all or nothing',
          body: ssda903ImportBody,
          response: { 200: ssda903ImportResponse, ...errors },
        },
      },
      async (req) => importSsda903(deps, { actor: req.actor(), files: req.body.files }),
    );

    app.post(
      '/lac/imports/health-activity',
      {
        bodyLimit: LAC_IMPORT_BODY_LIMIT_BYTES,
        schema: {
          tags: ['lac'],
          summary: 'Import health activity from a previous system (child_id,activity,date,result) — all or nothing',
          body: healthActivityImportBody,
          response: { 200: healthActivityImportResponse, ...errors },
        },
      },
      async (req) => importHealthActivity(deps, { actor: req.actor(), fileName: req.body.fileName, text: req.body.text }),
    );
  };
}
