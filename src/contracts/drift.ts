import { z } from 'zod';
import { uuid } from './common.js';

/** Drift (#3): one schema for the server's GET /drift and the web's drift pages. */
export const driftQuery = z.object({ teamId: uuid.optional() });

export const driftFinding = z.object({
  ruleId: z.string().nullable(),
  ruleVersion: z.number().nullable(),
  since: z.string(),
  description: z.string(),
  eventIds: z.array(z.string()),
  worklistItemId: z.string().nullable(),
  teamId: z.string().nullable(),
  restricted: z.object({ category: z.string(), label: z.string(), whomToAsk: z.string() }).nullable(),
});

export const driftListResponse = z.object({
  team: z.object({ id: z.string(), name: z.string() }),
  asOf: z.string(),
  rulesVersion: z.number(),
  children: z.array(
    z.object({
      childId: z.string(),
      givenName: z.string(),
      familyName: z.string(),
      dateOfBirth: z.string().nullable(),
      nhsNumber: z.string().nullable(),
      isUnborn: z.boolean(),
      findings: z.array(driftFinding),
    }),
  ),
});
export type DriftList = z.infer<typeof driftListResponse>;
export type DriftChild = DriftList['children'][number];
