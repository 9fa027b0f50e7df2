import { z } from 'zod';
import { EVENT_TYPES, SIGNIFICANCE } from '../domain/safeguarding/event-types.js';
import { isoDate, uuid } from './common.js';

/**
 * A child's (or household's) chronology (#3): every significant event across services in one timeline,
 * newest first, for conferences and supervision (CQC Bedford 2015 recs 1.7, 2.4: chronologies to spot
 * drift). Entries of a confidentiality category the reader's role may not see carry no content — only
 * that a restricted entry exists, when, and whom to ask (src/domain/access/confidentiality.ts).
 */

/** `type=a,b` or `type=a&type=b`: one or more values, each checked against its list. */
const listOf = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((raw) => (Array.isArray(raw) ? raw : [raw]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v.length > 0))
    .pipe(z.array(z.enum(values, { error: `Select a known ${label}` })).max(values.length));

const serviceCode = z.string().trim().regex(/^[a-z0-9_]{1,50}$/, 'Select a known service');

export const chronologyQuery = z
  .object({
    type: listOf(EVENT_TYPES, 'event type').optional(),
    service: z
      .union([z.string(), z.array(z.string())])
      .transform((raw) => (Array.isArray(raw) ? raw : [raw]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v.length > 0))
      .pipe(z.array(serviceCode).max(30))
      .optional(),
    significance: listOf(SIGNIFICANCE, 'significance').optional(),
    from: isoDate('the date to show events from').optional(),
    to: isoDate('the date to show events to').optional(),
    /** The `nextCursor` of the previous page (opaque). */
    cursor: z.string().trim().max(200).optional(),
    limit: z.coerce.number().int().min(1, 'Limit must be 1 or more').max(200, 'Limit must be 200 or fewer').default(50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'The date to show events to must be the same as or after the date to show events from' });
export type ChronologyQuery = z.output<typeof chronologyQuery>;

/** The exports take the same query and ignore `cursor` and `limit`: an export holds every matching entry. */
export type ChronologyFilters = Omit<ChronologyQuery, 'cursor' | 'limit'>;

export const restrictedEntry = z.object({
  category: z.string(),
  label: z.string(),
  whomToAsk: z.string(),
});

export const chronologyWorklistItem = z.object({
  id: uuid,
  childId: uuid,
  teamName: z.string(),
  action: z.string(),
  priority: z.string(),
  state: z.enum(['open', 'acknowledged', 'actioned']),
  escalated: z.boolean(),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  actionedAt: z.string().nullable(),
  outcome: z.string().nullable(),
});

/**
 * One entry. A restricted entry keeps only its id, when it happened, its significance and source, and
 * `restricted`; its type, service, recorder, organisation, summary, details and routing are null/empty,
 * because each of those can say what the entry is about (a sexual health clinic's name, say).
 */
export const chronologyEntry = z.object({
  id: uuid,
  /** The children of this chronology the entry is recorded on (a household event: each of them in scope). */
  childIds: z.array(uuid),
  householdEventId: uuid.nullable(),
  occurredAt: z.string(),
  significance: z.string(),
  source: z.string(),
  type: z.string().nullable(),
  typeLabel: z.string().nullable(),
  service: z.string().nullable(),
  serviceLabel: z.string().nullable(),
  recorder: z.object({ name: z.string(), role: z.string(), roleLabel: z.string() }).nullable(),
  organisation: z.string().nullable(),
  summary: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  restricted: restrictedEntry.nullable(),
  worklistItems: z.array(chronologyWorklistItem),
});
export type ChronologyEntry = z.infer<typeof chronologyEntry>;

export const chronologyTypeCount = z.object({ type: z.string(), label: z.string(), count: z.number() });

export const chronologyResponse = z.object({
  childId: uuid,
  /** The children whose events are shown (the household chronology: the in-scope members only). */
  childIds: z.array(uuid),
  entries: z.array(chronologyEntry),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
  /** Entries matching every filter. */
  total: z.number(),
  /** For the type filter chips: entries per type under the other filters (service, significance, dates). */
  typeCounts: z.array(chronologyTypeCount),
  /**
   * Restricted entries under the date and significance filters. They have no type or service the reader
   * may know, so a type or service filter leaves them out; the page then says how many are not shown.
   */
  restrictedCount: z.number(),
  restrictedHiddenByFilter: z.boolean(),
});
export type ChronologyResponse = z.infer<typeof chronologyResponse>;
