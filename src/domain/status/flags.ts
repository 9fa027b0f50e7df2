import { addMonths, addYears, compareIsoDates, type IsoDate } from '../calendar/iso-date.js';
import { describeCode, LEGAL_STATUS, PLACEMENT_TYPE } from '../codes/dfe-codes.js';

/**
 * Flags are DERIVED from a child's dated status episodes and manual flags — never a second copy kept by
 * hand — so every service sees the same flags (CQC Bedford 2015, recommendation 4.6; review 5.1.4).
 */
export const STATUS_KINDS = ['early_help', 'child_in_need', 'child_protection', 'looked_after', 'care_leaver'] as const;
export type StatusKind = (typeof STATUS_KINDS)[number];

export const CP_CATEGORIES = ['neglect', 'physical', 'emotional', 'sexual', 'multiple'] as const;
export type CpCategory = (typeof CP_CATEGORIES)[number];

export const MANUAL_FLAG_KINDS = ['fgm_risk', 'marac', 'cse_concern', 'dv_in_household', 'other'] as const;
export type ManualFlagKind = (typeof MANUAL_FLAG_KINDS)[number];

export interface StatusEpisode {
  id: string;
  kind: StatusKind;
  startedOn: IsoDate;
  endedOn: IsoDate | null;
  cpCategory?: CpCategory | null;
  legalStatus?: string | null;
  placementType?: string | null;
  placementProvider?: string | null;
  placementInArea?: boolean | null;
  extendedTo25?: boolean;
}

export interface ManualFlag {
  id: string;
  kind: ManualFlagKind;
  note?: string | null;
  source: string;
  recordedBy: string;
  recordedAt: string;
  reviewOn: IsoDate;
  endedOn: IsoDate | null;
  disclosureDecision: 'disclosed' | 'not_disclosed';
  disclosureReason?: string | null;
}

export type FlagCode =
  | 'child_protection_plan'
  | 'unborn_child_protection_plan'
  | 'previous_child_protection_plan'
  | 'looked_after'
  | 'previously_looked_after'
  | 'care_leaver'
  | 'child_in_need'
  | 'early_help'
  | ManualFlagKind;

export interface DerivedFlag {
  code: FlagCode;
  /** 1 = shown first. */
  priority: number;
  label: string;
  since: IsoDate;
  until: IsoDate | null;
  detail: string | null;
  source: 'status_episode' | 'manual';
  sourceId: string;
  reviewOverdue?: boolean;
}

/**
 * CP-IS keeps children who were on a CP plan or looked after within the previous 12 months visible
 * as "previously" (London Safeguarding Children Procedures PG9, Sep 2024 — domain-rules §12 [C]).
 */
export const PREVIOUS_STATUS_WINDOW_MONTHS = 12;

/**
 * Care leavers are entitled to support to 21, or 25 on request (Children and Social Work Act 2017;
 * CQC Bedford 2015 4.8 "commissioned to 21").
 */
export const CARE_LEAVER_UNTIL_AGE = 21;
export const CARE_LEAVER_EXTENDED_UNTIL_AGE = 25;

const LABELS: Record<FlagCode, string> = {
  child_protection_plan: 'Child protection plan',
  unborn_child_protection_plan: 'Unborn child protection plan',
  previous_child_protection_plan: 'Child protection plan in the last 12 months',
  looked_after: 'Looked after child',
  previously_looked_after: 'Looked after in the last 12 months',
  care_leaver: 'Care leaver',
  child_in_need: 'Child in need plan',
  early_help: 'Early help',
  fgm_risk: 'FGM risk',
  marac: 'MARAC',
  cse_concern: 'Child sexual exploitation concern',
  dv_in_household: 'Domestic violence in household',
  other: 'Safeguarding alert',
};

const PRIORITY: Record<FlagCode, number> = {
  child_protection_plan: 1,
  unborn_child_protection_plan: 1,
  looked_after: 2,
  fgm_risk: 3,
  cse_concern: 3,
  marac: 3,
  dv_in_household: 4,
  child_in_need: 5,
  care_leaver: 6,
  previous_child_protection_plan: 7,
  previously_looked_after: 7,
  early_help: 8,
  other: 8,
};

export function flagLabel(code: FlagCode): string {
  return LABELS[code];
}

function isOpenOn(episode: StatusEpisode, today: IsoDate): boolean {
  return compareIsoDates(episode.startedOn, today) <= 0 && (episode.endedOn === null || compareIsoDates(episode.endedOn, today) >= 0);
}

export function deriveFlags({
  episodes,
  manualFlags = [],
  today,
  dateOfBirth,
  isUnborn = false,
}: {
  episodes: readonly StatusEpisode[];
  manualFlags?: readonly ManualFlag[];
  today: IsoDate;
  dateOfBirth: IsoDate | null;
  isUnborn?: boolean;
}): DerivedFlag[] {
  const flags: DerivedFlag[] = [];
  const currentKinds = new Set<StatusKind>();
  for (const episode of episodes) {
    if (compareIsoDates(episode.startedOn, today) > 0) continue;
    if (episode.kind === 'care_leaver') {
      const untilAge = episode.extendedTo25 ? CARE_LEAVER_EXTENDED_UNTIL_AGE : CARE_LEAVER_UNTIL_AGE;
      const ageLimit = dateOfBirth ? addYears(dateOfBirth, untilAge) : null;
      const ended = episode.endedOn !== null && compareIsoDates(episode.endedOn, today) < 0;
      if (!ended && (ageLimit === null || compareIsoDates(today, ageLimit) < 0)) {
        currentKinds.add('care_leaver');
        flags.push(makeFlag('care_leaver', episode, ageLimit, episode.extendedTo25 ? 'Support extended to 25' : 'Support to 21'));
      }
      continue;
    }
    if (isOpenOn(episode, today)) {
      currentKinds.add(episode.kind);
      const code: FlagCode =
        episode.kind === 'child_protection' && isUnborn ? 'unborn_child_protection_plan' : episode.kind === 'child_protection' ? 'child_protection_plan' : episode.kind;
      flags.push(makeFlag(code, episode, episode.endedOn, describeEpisode(episode)));
    }
  }
  for (const episode of episodes) {
    if (episode.endedOn === null || compareIsoDates(episode.endedOn, today) >= 0) continue;
    const windowEnd = addMonths(episode.endedOn, PREVIOUS_STATUS_WINDOW_MONTHS);
    if (compareIsoDates(today, windowEnd) > 0) continue;
    if (episode.kind === 'child_protection' && !currentKinds.has('child_protection')) {
      currentKinds.add('child_protection');
      flags.push(makeFlag('previous_child_protection_plan', episode, episode.endedOn, `Plan ended ${episode.endedOn}`));
    }
    if (episode.kind === 'looked_after' && !currentKinds.has('looked_after')) {
      currentKinds.add('looked_after');
      flags.push(makeFlag('previously_looked_after', episode, episode.endedOn, `Ceased to be looked after ${episode.endedOn}`));
    }
  }
  for (const manual of manualFlags) {
    if (manual.endedOn !== null && compareIsoDates(manual.endedOn, today) < 0) continue;
    flags.push({
      code: manual.kind,
      priority: PRIORITY[manual.kind],
      label: LABELS[manual.kind],
      since: manual.recordedAt.slice(0, 10),
      until: manual.endedOn,
      detail: manual.note ?? null,
      source: 'manual',
      sourceId: manual.id,
      reviewOverdue: compareIsoDates(manual.reviewOn, today) < 0,
    });
  }
  return flags.sort((a, b) => a.priority - b.priority || compareIsoDates(b.since, a.since));
}

function makeFlag(code: FlagCode, episode: StatusEpisode, until: IsoDate | null, detail: string | null): DerivedFlag {
  return { code, priority: PRIORITY[code], label: LABELS[code], since: episode.startedOn, until, detail, source: 'status_episode', sourceId: episode.id };
}

const CP_CATEGORY_LABELS: Record<CpCategory, string> = { neglect: 'Neglect', physical: 'Physical abuse', emotional: 'Emotional abuse', sexual: 'Sexual abuse', multiple: 'Multiple categories' };

/** Plain words for the banner; the DfE code stays beside its meaning so it can be checked against the return. */
function describeEpisode(episode: StatusEpisode): string | null {
  if (episode.kind === 'child_protection') return episode.cpCategory ? `Category: ${CP_CATEGORY_LABELS[episode.cpCategory]}` : null;
  if (episode.kind === 'looked_after') {
    const legal = episode.legalStatus ? describeCode(LEGAL_STATUS, episode.legalStatus) : null;
    const placement = episode.placementType ? describeCode(PLACEMENT_TYPE, episode.placementType) : null;
    const parts = [
      episode.legalStatus ? `${legal ?? 'Legal status'} (${episode.legalStatus})` : null,
      episode.placementType ? `${placement ?? 'placement'} (${episode.placementType})` : null,
      episode.placementInArea === false ? 'placed out of area' : episode.placementInArea === true ? 'placed in area' : null,
    ].filter(Boolean);
    return parts.length ? parts.join(', ') : null;
  }
  return null;
}
