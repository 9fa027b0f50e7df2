/**
 * DfE SSDA903 (children looked after return) code lists with plain-English labels.
 *
 * Source: domain-rules.md §2.2 "Header codes" [C] and §2.3 "Episode codes" [C]
 * (SocialFinanceDigitalLabs quality-lac-data-beta-validator, 2022-23 snapshot; liia-tools specs).
 * Exceptions are tagged on the entry. Version-stamp: 903 return 2022-23 plus K3 (see below).
 */

export type CodeEntry = { readonly code: string; readonly label: string };
type CodeOf<L extends readonly CodeEntry[]> = L[number]['code'];

function guard<L extends readonly CodeEntry[]>(list: L): (s: string) => s is CodeOf<L> {
  const codes = new Set<string>(list.map((entry) => entry.code));
  return (s: string): s is CodeOf<L> => codes.has(s);
}

/** The label for `code` in `list`, or `null` if the code is not in the list. */
export function describeCode(list: readonly CodeEntry[], code: string): string | null {
  return list.find((entry) => entry.code === code)?.label ?? null;
}

/** ETHNIC — §2.2 [C]. Blank is invalid (validator rule 103). */
export const ETHNICITY = [
  { code: 'WBRI', label: 'White British' },
  { code: 'WIRI', label: 'White Irish' },
  { code: 'WOTH', label: 'Any other White background' },
  { code: 'WIRT', label: 'Traveller of Irish heritage' },
  { code: 'WROM', label: 'Gypsy/Roma' },
  { code: 'MWBC', label: 'White and Black Caribbean' },
  { code: 'MWBA', label: 'White and Black African' },
  { code: 'MWAS', label: 'White and Asian' },
  { code: 'MOTH', label: 'Any other Mixed background' },
  { code: 'AIND', label: 'Indian' },
  { code: 'APKN', label: 'Pakistani' },
  { code: 'ABAN', label: 'Bangladeshi' },
  { code: 'AOTH', label: 'Any other Asian background' },
  { code: 'BCRB', label: 'Caribbean' },
  { code: 'BAFR', label: 'African' },
  { code: 'BOTH', label: 'Any other Black background' },
  { code: 'CHNE', label: 'Chinese' },
  { code: 'OOTH', label: 'Any other ethnic group' },
  { code: 'REFU', label: 'Refused' },
  { code: 'NOBT', label: 'Information not yet obtained' },
] as const satisfies readonly CodeEntry[];
export type EthnicityCode = CodeOf<typeof ETHNICITY>;
export const isEthnicityCode = guard(ETHNICITY);

/**
 * LS (legal status) — §2.3 [C]. D1 only before Dec 2005 (rule 1014); E1 not before Dec 2005.
 */
export const LEGAL_STATUS = [
  { code: 'C1', label: 'Interim care order' },
  { code: 'C2', label: 'Full care order' },
  { code: 'D1', label: 'Freeing order granted (before December 2005 only)' },
  { code: 'E1', label: 'Placement order granted' },
  { code: 'V2', label: 'Single period of accommodation under section 20' },
  { code: 'V3', label: 'Agreed series of short-term breaks, individual episodes recorded' },
  { code: 'V4', label: 'Agreed series of short-term breaks, agreements recorded (not individual episodes)' },
  { code: 'L1', label: 'Under police protection and in local authority accommodation' },
  { code: 'L2', label: 'Emergency protection order' },
  { code: 'L3', label: 'Under a child assessment order and in local authority accommodation' },
  { code: 'J1', label: 'Remanded to local authority or youth detention accommodation' },
  { code: 'J2', label: 'Placed in local authority accommodation under PACE 1984, including secure accommodation' },
  { code: 'J3', label: 'Sentenced to a Youth Rehabilitation Order with residence or intensive fostering requirement' },
] as const satisfies readonly CodeEntry[];
export type LegalStatusCode = CodeOf<typeof LEGAL_STATUS>;
export const isLegalStatusCode = guard(LEGAL_STATUS);

/**
 * PLACE (placement type) — §2.3 [C]. K3 was added after the 2022-23 validator snapshot:
 * code [S] (app enum), effective year believed 2023-24 [R].
 */
export const PLACEMENT_TYPE = [
  { code: 'A3', label: 'Placed for adoption with consent, with current foster carer(s)' },
  { code: 'A4', label: 'Placed for adoption with consent, not with current foster carer(s)' },
  { code: 'A5', label: 'Placed for adoption with a placement order, with current foster carer(s)' },
  { code: 'A6', label: 'Placed for adoption with a placement order, not with current foster carer(s)' },
  { code: 'H5', label: "Semi-independent living not subject to children's homes regulations" },
  { code: 'K1', label: "Secure children's home" },
  { code: 'K2', label: "Children's home" },
  { code: 'K3', label: 'Registered supported accommodation' },
  { code: 'P1', label: 'Placed with own parent(s) or other person with parental responsibility' },
  { code: 'P2', label: 'Independent living' },
  { code: 'P3', label: 'Residential employment' },
  { code: 'R1', label: 'Residential care home' },
  { code: 'R2', label: 'NHS/health trust or other establishment providing medical or nursing care' },
  { code: 'R3', label: 'Family centre or mother and baby unit' },
  { code: 'R5', label: 'Young offender institution' },
  { code: 'S1', label: 'Residential school (not dual-registered as a children’s home)' },
  { code: 'T0', label: 'Temporary move (all types)' },
  { code: 'T1', label: 'Temporary move: hospital' },
  { code: 'T2', label: 'Temporary move: holiday' },
  { code: 'T3', label: 'Temporary move while foster carer is on holiday' },
  { code: 'T4', label: 'Temporary move of 7 days or less, other reason' },
  { code: 'U1', label: 'Foster placement with relative or friend: long-term fostering' },
  { code: 'U2', label: 'Foster placement with relative or friend: fostering for adoption or concurrent planning' },
  { code: 'U3', label: 'Foster placement with relative or friend: other' },
  { code: 'U4', label: 'Foster placement with other foster carer: long-term fostering' },
  { code: 'U5', label: 'Foster placement with other foster carer: fostering for adoption or concurrent planning' },
  { code: 'U6', label: 'Foster placement with other foster carer: other' },
  { code: 'Z1', label: 'Other placement (listed on the schedule to the DfE)' },
] as const satisfies readonly CodeEntry[];
export type PlacementTypeCode = CodeOf<typeof PLACEMENT_TYPE>;
export const isPlacementTypeCode = guard(PLACEMENT_TYPE);

/**
 * PLACE_PROVIDER — §2.3 [C]. PR0 only with P1; must be blank for T0–T4 and Z1 (rule 178).
 */
export const PLACEMENT_PROVIDER = [
  { code: 'PR0', label: 'Parent(s) or other person with parental responsibility' },
  { code: 'PR1', label: 'Own local authority provision' },
  { code: 'PR2', label: 'Other local authority provision' },
  { code: 'PR3', label: 'Other public provision (for example the NHS)' },
  { code: 'PR4', label: 'Private provision' },
  { code: 'PR5', label: 'Voluntary or third sector provision' },
] as const satisfies readonly CodeEntry[];
export type PlacementProviderCode = CodeOf<typeof PLACEMENT_PROVIDER>;
export const isPlacementProviderCode = guard(PLACEMENT_PROVIDER);

/** RNE (reason for new episode) — §2.3 [C]. A child's first-ever episode must be S (rule 357). */
export const REASON_NEW_EPISODE = [
  { code: 'S', label: 'Started to be looked after' },
  { code: 'L', label: 'Change of legal status only' },
  { code: 'P', label: 'Change of placement and carer(s) only' },
  { code: 'T', label: 'Change of placement only (same carer(s))' },
  { code: 'B', label: 'Change of legal status and of placement and carer(s)' },
  { code: 'U', label: 'Change of legal status and of placement (same carer(s))' },
] as const satisfies readonly CodeEntry[];
export type ReasonNewEpisodeCode = CodeOf<typeof REASON_NEW_EPISODE>;
export const isReasonNewEpisodeCode = guard(REASON_NEW_EPISODE);

/** REC (reason episode ceased) — §2.3 [C]. */
export const REASON_EPISODE_CEASED = [
  { code: 'X1', label: 'Episode ceased and a new episode began on the same day' },
  { code: 'E11', label: 'Adopted: application unopposed' },
  { code: 'E12', label: 'Adopted: consent dispensed with by the court' },
  { code: 'E2', label: 'Died' },
  { code: 'E3', label: 'Care taken over by another local authority in the UK' },
  { code: 'E4A', label: 'Returned home to live with parent(s), relative(s) or other person with parental responsibility as part of the care plan' },
  { code: 'E4B', label: 'Returned home to live with parent(s), relative(s) or other person with parental responsibility, not as part of the care plan' },
  { code: 'E13', label: 'Left care to live with parent(s), relative(s) or other person with no parental responsibility' },
  { code: 'E41', label: 'Residence order or child arrangements order granted' },
  { code: 'E45', label: 'Special guardianship order made to former foster carer(s) who are relative(s) or friend(s)' },
  { code: 'E46', label: 'Special guardianship order made to former foster carer(s) other than relative(s) or friend(s)' },
  { code: 'E47', label: 'Special guardianship order made to carer(s) other than former foster carer(s), who are relative(s) or friend(s)' },
  { code: 'E48', label: 'Special guardianship order made to carer(s) other than former foster carer(s), other than relative(s) or friend(s)' },
  { code: 'E5', label: 'Moved into independent living with supportive accommodation' },
  { code: 'E6', label: 'Moved into independent living without formal support' },
  { code: 'E7', label: 'Transferred to residential care funded by adult social care' },
  { code: 'E8', label: 'Period of being looked after ceased for any other reason' },
  { code: 'E9', label: 'Sentenced to custody' },
  { code: 'E14', label: 'Accommodation on remand ended' },
  { code: 'E15', label: 'Age assessment determined the child is aged 18 or over' },
  { code: 'E16', label: 'Child moved abroad' },
  { code: 'E17', label: 'Aged 18 or over and remained with current carers (staying put)' },
] as const satisfies readonly CodeEntry[];
export type ReasonEpisodeCeasedCode = CodeOf<typeof REASON_EPISODE_CEASED>;
export const isReasonEpisodeCeasedCode = guard(REASON_EPISODE_CEASED);

/** CIN (category of need) — §2.3 [C]. */
export const CATEGORY_OF_NEED = [
  { code: 'N1', label: 'Abuse or neglect' },
  { code: 'N2', label: "Child's disability" },
  { code: 'N3', label: 'Parental illness or disability' },
  { code: 'N4', label: 'Family in acute stress' },
  { code: 'N5', label: 'Family dysfunction' },
  { code: 'N6', label: 'Socially unacceptable behaviour' },
  { code: 'N7', label: 'Low income' },
  { code: 'N8', label: 'Absent parenting' },
] as const satisfies readonly CodeEntry[];
export type CategoryOfNeedCode = CodeOf<typeof CATEGORY_OF_NEED>;
export const isCategoryOfNeedCode = guard(CATEGORY_OF_NEED);

/** REASON_PLACE_CHANGE — §2.3 [C]. */
export const REASON_PLACE_CHANGE = [
  { code: 'CARPL', label: 'Change to the care plan' },
  { code: 'CLOSE', label: 'Resignation of carer or closure of provision' },
  { code: 'ALLEG', label: 'Allegation (section 47 enquiry)' },
  { code: 'STAND', label: 'Concerns about standards of care' },
  { code: 'APPRR', label: 'Approval of carer removed' },
  { code: 'CREQB', label: "Carer requests end of placement because of the child's behaviour" },
  { code: 'CREQO', label: 'Carer requests end of placement for another reason' },
  { code: 'CHILD', label: 'Child requests end of placement' },
  { code: 'LAREQ', label: 'Responsible or area authority requests end of placement' },
  { code: 'PLACE', label: 'Change in the status of the placement only' },
  { code: 'CUSTOD', label: 'Custody arrangement' },
  { code: 'OTHER', label: 'Other reason' },
] as const satisfies readonly CodeEntry[];
export type ReasonPlaceChangeCode = CodeOf<typeof REASON_PLACE_CHANGE>;
export const isReasonPlaceChangeCode = guard(REASON_PLACE_CHANGE);

/** UN1–UN5: reasons a UPN is not recorded — §2.2 [C] (validator rule 168). */
export const UPN_UNKNOWN_REASON = [
  { code: 'UN1', label: 'Not of school age, or no UPN allocated yet' },
  { code: 'UN2', label: 'Never attended a maintained school in England' },
  { code: 'UN3', label: 'Educated outside England' },
  { code: 'UN4', label: 'Newly looked after (from one week before the end of the collection) and UPN not yet known' },
  { code: 'UN5', label: 'Discrepancies in source data prevent reliable matching' },
] as const satisfies readonly CodeEntry[];
export type UpnUnknownReasonCode = CodeOf<typeof UPN_UNKNOWN_REASON>;
export const isUpnUnknownReasonCode = guard(UPN_UNKNOWN_REASON);

const UPN_PATTERNS = [/^[A-HJ-NP-RT-Z]\d{12}$/, /^[A-HJ-NP-RT-Z]\d{11}[A-Z]$/] as const;

/**
 * Unique Pupil Number as the 903 validator accepts it (rule 168): a letter other than I, O or S
 * followed by 12 digits, or by 11 digits and a letter; or one of UN1–UN5.
 * Source: domain-rules.md §2.2 "UPN regex" [C]. Case-sensitive (upper case), no trimming.
 */
export function isUpn(s: string): boolean {
  return UPN_PATTERNS.some((pattern) => pattern.test(s)) || isUpnUnknownReasonCode(s);
}
