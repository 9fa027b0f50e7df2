import { addMonths, compareIsoDates, isIsoDate, type IsoDate } from '../calendar/iso-date.js';

/**
 * Health plans for looked-after children: every action must be SMART, and actions not met carry
 * forward into the next plan with their history.
 *
 * Source for the whole module: CQC Bedford 2015 para 4.3 (plans by other practitioners "were not
 * specifically time limited and plans were task focussed with an over reliance upon others … the outcome
 * plan stated 'therapy to be initiated' with a timeframe of 'ASAP'") and recommendation 1.3 ("Health plans
 * for children who are looked after are SMART"); para 4.4 and rec 1.4 (transfer of targets and checks on
 * previous actions from one plan to the next); domain-rules.md §1.2 "CQC expects plans to be SMART with
 * owners and dates" [S]. The word lists below are CLASP policy (what "vague" means), version-stamped.
 */
export const SMART_RULES_VERSION = 'clasp-smart-1' as const;

export const SMART_LETTERS = ['S', 'M', 'A', 'R', 'T'] as const;
export type SmartLetter = (typeof SMART_LETTERS)[number];

export const SMART_LETTER_NAMES: Readonly<Record<SmartLetter, string>> = {
  S: 'specific',
  M: 'measurable',
  A: 'assigned to a named person',
  R: 'relevant to an identified need',
  T: 'time-bound',
};

export type HealthPlanActionDraft = {
  /** The identified health need the action addresses. */
  readonly need: string;
  /** What will be done. */
  readonly action: string;
  readonly ownerName: string;
  readonly ownerRole: string;
  readonly measurableOutcome: string;
  /** YYYY-MM-DD; anything else (e.g. "ASAP") fails T. */
  readonly dueOn: string | null;
};

export type SmartField = keyof HealthPlanActionDraft;

export type SmartFailure = { readonly letter: SmartLetter; readonly field: SmartField; readonly message: string };

export type SmartCheck = { readonly smart: boolean; readonly failures: readonly SmartFailure[] };

/** Longest time an action may run before the next plan: 12 months (the RHA interval from age 5). */
export const MAX_ACTION_MONTHS = 12;

/** Words that, anywhere in any field, mean there is no real timescale. */
const NO_TIMESCALE = /\b(asap|a\.s\.a\.p\.?|as soon as possible|ongoing|on-going|tbc|tba|to be confirmed|to be agreed|when possible)\b/i;

/** Phrases that leave the action unspecific: nobody is doing anything definite. */
const VAGUE_ACTION_PHRASES: readonly { pattern: RegExp; phrase: string }[] = [
  { pattern: /\bto be initiated\b/i, phrase: 'to be initiated' },
  { pattern: /\bto be considered\b/i, phrase: 'to be considered' },
  { pattern: /\bto be discussed\b/i, phrase: 'to be discussed' },
  { pattern: /\bas (needed|required|necessary|appropriate)\b/i, phrase: 'as needed' },
  { pattern: /\bif (needed|required|necessary)\b/i, phrase: 'if needed' },
  { pattern: /\bongoing\b|\bon-going\b/i, phrase: 'ongoing' },
];

/** An action that is only "monitor"/"continue to monitor"/"keep under review" with nothing specific. */
const MONITOR_ONLY = /^(continue to |to )?(monitor|monitoring|keep under review|review|observe|watch)( (it|this|progress|situation|the situation))?\.?$/i;

/** Outcome words that measure nothing on their own. */
const VAGUE_OUTCOME_WORDS = new Set([
  'improve', 'improved', 'improvement', 'improving', 'better', 'progress', 'progressing', 'good', 'ok', 'okay', 'fine',
  'monitor', 'monitored', 'monitoring', 'ongoing', 'support', 'supported', 'help', 'helped', 'n/a', 'na', 'none', 'tbc',
  'well', 'be', 'to', 'the', 'a', 'an', 'more', 'less', 'and', 'of', 'in', 'is', 'will', 'health', 'wellbeing',
]);

/** Owner entries that name a role, a service or nobody rather than a person. */
const NOT_A_PERSON = new Set([
  'social worker', 'sw', 'carer', 'carers', 'foster carer', 'foster carers', 'parent', 'parents', 'gp', 'school',
  'school nurse', 'lac nurse', 'cla nurse', 'nurse', 'doctor', 'paediatrician', 'camhs', 'health visitor', 'hv',
  'teacher', 'team', 'lac team', 'health', 'dentist', 'optician', 'young person', 'child', 'yp', 'all', 'everyone',
  'tbc', 'tba', 'unknown', 'n/a', 'na', 'none', 'various', 'other', 'others', 'professionals', 'la', 'local authority',
  'iro', 'designated nurse', 'named nurse', 'virtual school', 'sexual health', 'brook',
]);

const NOT_A_NEED = new Set(['', 'n/a', 'na', 'none', 'tbc', 'tba', 'unknown', 'general', 'various', '-']);

function words(text: string): string[] {
  return text.trim().split(/\s+/).filter((w) => w.length > 0);
}

function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/^the\s+/, '').replace(/[.!]+$/, '').replace(/\s+/g, ' ');
}

function describeAction(action: HealthPlanActionDraft): string {
  const text = action.action.trim();
  if (text === '') return 'The action with no description';
  return `Action "${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
}

/**
 * Checks one health-plan action against SMART, returning every failure with its letter, field and a
 * plain-English message naming the action and the letter:
 * - S (specific): `action` says what will be done — at least 3 words, not "monitor" alone, and none of
 *   "to be initiated", "to be considered", "to be discussed", "as needed/required", "if needed", "ongoing";
 * - M (measurable): `measurableOutcome` present, at least 3 words, and not only words such as
 *   "improve", "better", "progress", "support";
 * - A (assigned): `ownerName` is a person's name — not empty, not a role or service ("social worker",
 *   "carer", "CAMHS") and not "tbc"; and `ownerRole` is given;
 * - R (relevant): `need` names an identified need (not empty, "n/a", "general");
 * - T (time-bound): `dueOn` is a real date after `today` and no more than 12 months after it; "ASAP",
 *   "ongoing", "tbc" (and similar) in ANY field also fail T, naming that field.
 * Source: CQC Bedford 2015 para 4.3 and rec 1.3 (the failure quoted: "therapy to be initiated",
 * "ASAP"); issue #4 "Health plans"; thresholds and word lists are CLASP policy (`SMART_RULES_VERSION`).
 */
export function checkSmartAction({ action, today }: { action: HealthPlanActionDraft; today: IsoDate }): SmartCheck {
  const failures: SmartFailure[] = [];
  const label = describeAction(action);
  const fail = (letter: SmartLetter, field: SmartField, problem: string): void => {
    failures.push({ letter, field, message: `${label} is not ${SMART_LETTER_NAMES[letter]} (${letter}): ${problem}` });
  };

  // S — specific
  const actionText = action.action.trim();
  if (actionText === '') {
    fail('S', 'action', 'say what will be done.');
  } else {
    const vague = VAGUE_ACTION_PHRASES.find((v) => v.pattern.test(actionText));
    if (vague !== undefined) {
      fail('S', 'action', `"${vague.phrase}" does not say who will do what. Say exactly what will be done, for example "Refer to CAMHS for trauma-focused therapy".`);
    } else if (MONITOR_ONLY.test(actionText)) {
      fail('S', 'action', 'say what will be monitored, how and by whom, not just "monitor".');
    } else if (words(actionText).length < 3) {
      fail('S', 'action', 'describe the action in at least 3 words.');
    }
  }

  // M — measurable
  const outcome = action.measurableOutcome.trim();
  if (outcome === '') {
    fail('M', 'measurableOutcome', 'give an outcome that shows when the action has worked.');
  } else if (words(outcome).every((w) => VAGUE_OUTCOME_WORDS.has(w.toLowerCase().replace(/[.,!]+$/, '')))) {
    fail('M', 'measurableOutcome', `"${outcome}" cannot be measured. Say what will be different and how you will know, for example "attends 4 of 5 sessions".`);
  } else if (words(outcome).length < 3) {
    fail('M', 'measurableOutcome', 'describe the measurable outcome in at least 3 words.');
  }

  // A — assigned to a named person
  const owner = normalise(action.ownerName);
  if (owner === '') {
    fail('A', 'ownerName', 'give the name of the person responsible.');
  } else if (NOT_A_PERSON.has(owner) || !/\p{L}/u.test(owner)) {
    fail('A', 'ownerName', `"${action.ownerName.trim()}" is a role or service, not a named person. Give the person's name.`);
  }
  if (action.ownerRole.trim() === '') {
    fail('A', 'ownerRole', "give the owner's role, for example \"LAC nurse\".");
  }

  // R — relevant to an identified need
  if (NOT_A_NEED.has(normalise(action.need))) {
    fail('R', 'need', 'link the action to the health need it meets.');
  }

  // T — time-bound
  const dueOn = (action.dueOn ?? '').trim();
  if (dueOn === '') {
    fail('T', 'dueOn', 'give a due date.');
  } else if (!isIsoDate(dueOn)) {
    fail('T', 'dueOn', `"${dueOn}" is not a date. Give a real due date.`);
  } else if (compareIsoDates(dueOn, today) <= 0) {
    fail('T', 'dueOn', `the due date ${dueOn} must be after today (${today}).`);
  } else if (compareIsoDates(dueOn, addMonths(today, MAX_ACTION_MONTHS)) > 0) {
    fail('T', 'dueOn', `the due date ${dueOn} is more than ${MAX_ACTION_MONTHS} months away. Break the action into steps due before the next review.`);
  }
  const textFields: readonly SmartField[] = ['need', 'action', 'ownerName', 'ownerRole', 'measurableOutcome'];
  for (const field of textFields) {
    const value = action[field] ?? '';
    const match = NO_TIMESCALE.exec(value);
    if (match !== null) fail('T', field, `"${match[0]}" is not a timescale. Give a real due date.`);
  }

  return { smart: failures.length === 0, failures };
}

export type SmartPlanCheck = {
  readonly smart: boolean;
  readonly actions: readonly (SmartCheck & { readonly index: number })[];
};

/**
 * Checks every action of a plan (see `checkSmartAction`); the plan is SMART when every action is.
 * A plan with no actions has nothing to fail and is reported SMART — whether a plan may be empty is a
 * form-level decision. Source: as `checkSmartAction` (CQC Bedford 2015 4.3, rec 1.3).
 */
export function checkSmartPlan({ actions, today }: { actions: readonly HealthPlanActionDraft[]; today: IsoDate }): SmartPlanCheck {
  const results = actions.map((action, index) => ({ index, ...checkSmartAction({ action, today }) }));
  return { smart: results.every((r) => r.smart), actions: results };
}

// ---------------------------------------------------------------------------------------------
// Carry forward
// ---------------------------------------------------------------------------------------------

export const HEALTH_PLAN_ACTION_STATUSES = ['open', 'met', 'unmet', 'carried_forward'] as const;
export type HealthPlanActionStatus = (typeof HEALTH_PLAN_ACTION_STATUSES)[number];

export type HealthPlanActionHistoryEntry = {
  readonly on: IsoDate;
  readonly event: 'created' | 'updated' | 'met' | 'unmet' | 'carried_forward';
  readonly note?: string;
  readonly fromActionId?: string;
};

export type HealthPlanAction = HealthPlanActionDraft & {
  readonly id: string;
  readonly status: HealthPlanActionStatus;
  readonly carriedFromActionId?: string | null;
  readonly history: readonly HealthPlanActionHistoryEntry[];
};

/** A carried-forward action for the new plan; the caller gives it an id when saving. */
export type CarriedForwardAction = HealthPlanActionDraft & {
  readonly status: 'open';
  readonly carriedFromActionId: string;
  readonly history: readonly HealthPlanActionHistoryEntry[];
};

export type CarryForwardResult = {
  readonly carried: readonly CarriedForwardAction[];
  /** Previous actions to mark 'carried_forward'. */
  readonly carriedFromIds: readonly string[];
};

/**
 * Carries forward into a new plan (made on `newPlanOn`) every previous action that is still open or was
 * not met. Each becomes a new open action with `carriedFromActionId` and its history plus a
 * 'carried_forward' entry saying why (not met / overdue / still open). An action that was not met or is
 * overdue gets `dueOn: null` so the practitioner must set a new date (the SMART check fails T until
 * then); an open action not yet due keeps its date. Met and already carried-forward actions stay behind.
 * Source: CQC Bedford 2015 para 4.4 ("comprehensive transfer of targets and checks on previous actions
 * from one plan to the next") and rec 1.4; issue #4 "Unmet actions carry forward into the next plan
 * automatically with their history".
 */
export function carryForwardActions({
  previousActions,
  newPlanOn,
}: {
  previousActions: readonly HealthPlanAction[];
  newPlanOn: IsoDate;
}): CarryForwardResult {
  const carried: CarriedForwardAction[] = [];
  for (const previous of previousActions) {
    if (previous.status !== 'open' && previous.status !== 'unmet') continue;
    const dueOn = previous.dueOn !== null && isIsoDate(previous.dueOn) ? previous.dueOn : null;
    const overdue = dueOn === null || compareIsoDates(dueOn, newPlanOn) <= 0;
    const reason = previous.status === 'unmet' ? 'not met' : overdue ? 'overdue' : 'still open';
    carried.push({
      need: previous.need,
      action: previous.action,
      ownerName: previous.ownerName,
      ownerRole: previous.ownerRole,
      measurableOutcome: previous.measurableOutcome,
      dueOn: previous.status === 'open' && !overdue ? dueOn : null,
      status: 'open',
      carriedFromActionId: previous.id,
      history: [
        ...previous.history,
        {
          on: newPlanOn,
          event: 'carried_forward',
          fromActionId: previous.id,
          note: `Carried forward from the previous plan: ${reason}${dueOn === null ? '' : ` (was due ${dueOn})`}.`,
        },
      ],
    });
  }
  return { carried, carriedFromIds: carried.map((c) => c.carriedFromActionId) };
}
