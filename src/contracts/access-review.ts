import { z } from 'zod';
import { UNUSUAL_REASONS } from '../domain/access/access-patterns.js';
import { isoDate, uuid } from './common.js';

/** A period as calendar dates in England, both days included; either end may be left out. */
export const accessReviewQuery = z.object({
  from: isoDate('the date to review from').optional(),
  to: isoDate('the date to review to').optional(),
});

const unusualReason = z.enum(UNUSUAL_REASONS);

/** One access to the child's record: one audit row, in plain words (no names of anyone but the staff member). */
export const accessRow = z.object({
  at: z.string(),
  /** Local date and time in England, "YYYY-MM-DD HH:MM". */
  localTime: z.string(),
  userId: z.string().nullable(),
  person: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  organisation: z.string().nullable(),
  basis: z.string().nullable(),
  basisText: z.string(),
  action: z.string(),
  actionText: z.string(),
  outcome: z.string(),
  outcomeText: z.string(),
  channel: z.string().nullable(),
  channelText: z.string(),
  breakGlass: z.boolean(),
  /** The child was one of the results of a search or list (not the record itself). */
  listed: z.boolean(),
  unusual: z.array(unusualReason),
});
export type AccessRow = z.infer<typeof accessRow>;

export const accessPerson = z.object({
  userId: z.string().nullable(),
  person: z.string(),
  roleLabel: z.string(),
  organisation: z.string().nullable(),
  accesses: z.number().int(),
  refused: z.number().int(),
  breakGlass: z.number().int(),
  outOfHours: z.number().int(),
  /** Different children this person reached on an area-wide basis in the same period (the breadth rule). */
  areaWideChildren: z.number().int(),
  first: z.string(),
  last: z.string(),
  unusual: z.array(unusualReason),
  rows: z.array(accessRow),
});

export const accessReviewResponse = z.object({
  childId: z.string(),
  from: z.string(),
  to: z.string(),
  rulesVersion: z.number().int(),
  manyChildrenThreshold: z.number().int(),
  totals: z.object({ accesses: z.number().int(), people: z.number().int(), unusual: z.number().int() }),
  /** More rows than one review shows: narrow the period (the audit export has them all). */
  truncated: z.boolean(),
  people: z.array(accessPerson),
});
export type AccessReviewResponse = z.infer<typeof accessReviewResponse>;

export const unusualAccessQuery = z.object({
  days: z.coerce.number('Enter the number of days as a whole number').int('Enter the number of days as a whole number').min(1, 'Days must be 1 or more').max(90, 'Days must be 90 or fewer').default(7),
});

export const unusualUser = z.object({
  userId: z.string(),
  person: z.string(),
  roleLabel: z.string(),
  organisation: z.string().nullable(),
  accesses: z.number().int(),
  children: z.number().int(),
  areaWideChildren: z.number().int(),
  refused: z.number().int(),
  breakGlass: z.number().int(),
  outOfHours: z.number().int(),
  unusual: z.array(unusualReason),
  /** The children involved, only those in the reader's own scope (ids and names); the rest are counted. */
  childrenInReaderScope: z.array(z.object({ childId: z.string(), name: z.string() })),
  childrenOutsideReaderScope: z.number().int(),
});

export const unusualAccessResponse = z.object({
  days: z.number().int(),
  since: z.string(),
  rulesVersion: z.number().int(),
  manyChildrenThreshold: z.number().int(),
  users: z.array(unusualUser),
});
export type UnusualAccessResponse = z.infer<typeof unusualAccessResponse>;

/** An export of audit rows for an investigation: one child's or one user's, over a period. */
export const auditExportQuery = z
  .object({
    childId: uuid.optional(),
    userId: uuid.optional(),
    from: isoDate('the date to export from').optional(),
    to: isoDate('the date to export to').optional(),
    format: z.enum(['csv', 'json'], 'Format must be csv or json').default('json'),
  });

export const auditExportRow = z.object({
  chainId: z.number().int(),
  seq: z.string(),
  occurredAt: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
  childId: z.string().nullable(),
  record: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditExportRow = z.infer<typeof auditExportRow>;

export const auditExportResponse = z.object({
  subject: z.object({ kind: z.enum(['child', 'user']), id: z.string() }),
  from: z.string().nullable(),
  to: z.string().nullable(),
  exportedAt: z.string(),
  /** How to check the rows: sha256(prevHash + "\n" + record) = hash; rows of one chain link by seq. */
  verification: z.string(),
  rows: z.array(auditExportRow),
});
export type AuditExportResponse = z.infer<typeof auditExportResponse>;
