import { ROUTING_RULES, type ChildStatus, type Priority, type RouteAction, type RouteTarget, type RoutingRule } from './routing-rules.js';
import type { EventType } from './event-types.js';

/** What routing needs to know about the child at the moment the event is recorded. */
export interface RoutingContext {
  /** Whole years on the event's date; null for an unborn child. */
  ageYears: number | null;
  isUnborn: boolean;
  statuses: ReadonlySet<ChildStatus>;
  /** Missed appointments in the 12 months before this one (not counting it). */
  priorMissedAppointments: number;
}

export interface RoutableEvent {
  type: EventType;
  details: Readonly<Record<string, unknown>>;
}

export interface RouteDecision {
  target: RouteTarget;
  ruleId: string;
  ruleVersion: number;
  /** Every rule that asked for this target, the deciding one first. */
  ruleIds: readonly string[];
  reason: string;
  action: RouteAction;
  priority: Priority;
  acknowledgeWithinWorkingHours: number;
}

const ACTION_WEIGHT: Record<RouteAction, number> = { follow_up: 3, check: 2, file_plan: 1, copy: 0 };

export function ruleApplies(rule: RoutingRule, event: RoutableEvent, context: RoutingContext): boolean {
  if (!rule.eventTypes.includes(event.type)) return false;
  const when = rule.when;
  if (when.under18 && !(context.isUnborn || (context.ageYears !== null && context.ageYears < 18))) return false;
  if (when.anyStatus && !when.anyStatus.some((status) => context.statuses.has(status))) return false;
  if (when.noStatus && when.noStatus.some((status) => context.statuses.has(status))) return false;
  if (when.minPriorMissedAppointments !== undefined && context.priorMissedAppointments < when.minPriorMissedAppointments) return false;
  if (when.maxPriorMissedAppointments !== undefined && context.priorMissedAppointments > when.maxPriorMissedAppointments) return false;
  for (const [field, allowed] of Object.entries(when.detailIn ?? {})) {
    if (!allowed.includes(event.details[field] as string | boolean)) return false;
  }
  for (const field of when.detailNotEmpty ?? []) {
    const value = event.details[field];
    if (!Array.isArray(value) || value.length === 0) return false;
  }
  return true;
}

/**
 * Which targets an event goes to, and how urgently. Several rules may ask for the same target (an ED
 * attendance with a safeguarding concern is both a copy and an urgent follow-up for the health visitor):
 * the target gets ONE item carrying the most demanding action, the higher priority and the shortest
 * acknowledgement time, with every rule's id kept for the record.
 */
export function routeEvent(event: RoutableEvent, context: RoutingContext, rules: readonly RoutingRule[] = ROUTING_RULES): RouteDecision[] {
  const byTarget = new Map<RouteTarget, RouteDecision>();
  for (const rule of rules) {
    if (!ruleApplies(rule, event, context)) continue;
    for (const target of rule.to) {
      const candidate: RouteDecision = {
        target,
        ruleId: rule.id,
        ruleVersion: rule.version,
        ruleIds: [rule.id],
        reason: rule.description,
        action: rule.action,
        priority: rule.priority,
        acknowledgeWithinWorkingHours: rule.acknowledgeWithinWorkingHours,
      };
      const existing = byTarget.get(target);
      if (!existing) {
        byTarget.set(target, candidate);
        continue;
      }
      const candidateWins = demand(candidate) > demand(existing);
      const winner = candidateWins ? candidate : existing;
      byTarget.set(target, {
        ...winner,
        ruleIds: candidateWins ? [candidate.ruleId, ...existing.ruleIds] : [...existing.ruleIds, candidate.ruleId],
        priority: existing.priority === 'urgent' || candidate.priority === 'urgent' ? 'urgent' : 'routine',
        acknowledgeWithinWorkingHours: Math.min(existing.acknowledgeWithinWorkingHours, candidate.acknowledgeWithinWorkingHours),
      });
    }
  }
  return [...byTarget.values()];
}

function demand(decision: RouteDecision): number {
  return (decision.priority === 'urgent' ? 10 : 0) + ACTION_WEIGHT[decision.action];
}
