import { z } from 'zod';

/**
 * Response shapes for the safeguarding routes (#3) whose server schema is `z.unknown()` (routing rules,
 * drift rules) or lives in a routes file the browser must not import (drift). Kept loose where the data is
 * versioned rules: unknown extra keys pass, so a new rule field does not break the page.
 */
export const routingRulesResponse = z.object({
  version: z.number(),
  eventTypesVersion: z.number(),
  targets: z.record(z.string(), z.string()),
  eventTypes: z.array(z.object({ type: z.string(), label: z.string(), service: z.string(), defaultSignificance: z.string(), household: z.boolean() }).passthrough()),
  rules: z.array(
    z
      .object({
        id: z.string(),
        version: z.number(),
        description: z.string(),
        source: z.string(),
        eventTypes: z.array(z.string()),
        when: z.record(z.string(), z.unknown()),
        to: z.array(z.string()),
        action: z.string(),
        priority: z.string(),
        acknowledgeWithinWorkingHours: z.number(),
      })
      .passthrough(),
  ),
  confidentiality: z.array(z.object({ category: z.string(), label: z.string(), whomToAsk: z.string() }).passthrough()),
});
export type RoutingRulesResponse = z.infer<typeof routingRulesResponse>;
export type RoutingRuleView = RoutingRulesResponse['rules'][number];

export const worklistTeamsResponse = z.object({
  teams: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), organisation: z.string(), open: z.number(), escalated: z.number(), mine: z.boolean() })),
});
export type WorklistTeam = z.infer<typeof worklistTeamsResponse>['teams'][number];

export { driftListResponse, type DriftChild, type DriftList } from '../../../src/contracts/drift.js';

export const driftRulesResponse = z.object({
  version: z.number(),
  rules: z.array(z.object({ id: z.string(), version: z.number(), kind: z.string(), description: z.string(), source: z.string(), parameters: z.record(z.string(), z.unknown()) }).passthrough()),
});
