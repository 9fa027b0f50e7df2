/**
 * The demo borough: a small, wholly fictional local area ("Ouseford") with one demo user per role and
 * about sixty children in a realistic mix of statuses, so every screen and every scope rule has
 * something to show. SYNTHETIC ONLY: every name, address and number here is invented.
 *
 * Dates are relative to `today`, so the demo never ages: a child "on a plan for four months" is so
 * whenever the seed is run.
 */
import type { Insertable, Kysely } from 'kysely';
import { ROLES, type RoleId } from '../domain/access/roles.js';
import { addDays, addMonths, addYears } from '../domain/calendar/iso-date.js';
import type { EthnicityCode, LegalStatusCode, PlacementProviderCode, PlacementTypeCode } from '../domain/codes/dfe-codes.js';
import type { OrganisationKind, TeamKind } from '../domain/organisations.js';
import type { CpCategory, ManualFlagKind } from '../domain/status/flags.js';
import type {
  CaseloadAllocationsTable,
  ChildAddressesTable,
  ChildIdentifiersTable,
  ChildNamesTable,
  ChildrenTable,
  Database,
  ManualFlagsTable,
  OrganisationsTable,
  PeopleTable,
  RelationshipsTable,
  StatusEpisodesTable,
  TeamsTable,
  UsersTable,
} from '../server/db/schema.js';
import type { RecordEventInput } from '../contracts/events.js';
import { recordEvents } from '../server/modules/events/events.usecases.js';
import { DEMO_NHS_POSITIONS, NhsNumberSequence, upn } from './identifiers.js';
import { familyName, givenName, houseAddress, postcode, type Sex } from './names.js';
import { hashSeed, Rng } from './random.js';

/** The well-known demo child: on a CP plan, registered with the demo GP, on the demo health visitor's caseload. */
export const DEMO_CHILD_NHS_NUMBER = '9990000018';
export const DEMO_LA_CODE = 'LA-OUS';
export const DEMO_TOWN = 'Ouseford';
export const DEMO_POSTCODE_AREA = 'OU';
/** Fictional LA number used in the demo borough's UPNs (real LA numbers run 201–938). */
const DEMO_UPN_LA_NUMBER = 990;

export interface DemoUser {
  username: string;
  role: string;
  organisation: string;
}

export class DemoAlreadySeededError extends Error {
  constructor() {
    super(`The demo borough is already in this database (organisation ${DEMO_LA_CODE} exists). Use a fresh database to seed the demo again.`);
    this.name = 'DemoAlreadySeededError';
  }
}

/** Username for a role's demo user: the role id with hyphens, e.g. 'health-visitor'. */
export function demoUsername(role: RoleId): string {
  return role.replace(/_/g, '-');
}

type OrgKey =
  | 'la'
  | 'csc'
  | 'mash'
  | 'icb'
  | 'hospitals'
  | 'community'
  | 'mentalHealth'
  | 'gp1'
  | 'gp2'
  | 'gp3'
  | 'school1'
  | 'school2'
  | 'school3'
  | 'sexualHealth'
  | 'substanceMisuse';

type TeamKey =
  | 'ed'
  | 'paediatrics'
  | 'maternity'
  | 'hospitalSafeguarding'
  | 'hvNorth'
  | 'hvSouth'
  | 'schoolNursing'
  | 'lacHealth'
  | 'communitySafeguarding'
  | 'camhs'
  | 'lacCamhs'
  | 'gp1'
  | 'gp2'
  | 'gp3'
  | 'designated'
  | 'commissioning'
  | 'administration'
  | 'mashHealth'
  | 'sexualHealth'
  | 'substanceMisuse';

const ORGANISATIONS: Record<OrgKey, { code: string; name: string; kind: OrganisationKind; parent?: OrgKey }> = {
  la: { code: DEMO_LA_CODE, name: 'Ouseford Borough Council', kind: 'local_authority' },
  csc: { code: 'CSC-OUS', name: "Ouseford Children's Social Care", kind: 'childrens_social_care', parent: 'la' },
  mash: { code: 'MASH-OUS', name: 'Ouseford Multi-Agency Safeguarding Hub', kind: 'mash', parent: 'la' },
  icb: { code: 'ICB-OUS', name: 'NHS Ouseford Integrated Care Board', kind: 'icb' },
  hospitals: { code: 'RXO', name: 'Ouseford Hospitals NHS Trust', kind: 'nhs_trust' },
  community: { code: 'RXC', name: 'Ouseford Community Health NHS Trust', kind: 'nhs_trust' },
  mentalHealth: { code: 'RXM', name: 'Ouseford and Wrenmere Mental Health NHS Foundation Trust', kind: 'nhs_trust' },
  gp1: { code: 'GP-OUS-01', name: 'Thistle Lane Surgery', kind: 'gp_practice', parent: 'icb' },
  gp2: { code: 'GP-OUS-02', name: 'Marrowfield Medical Centre', kind: 'gp_practice', parent: 'icb' },
  gp3: { code: 'GP-OUS-03', name: 'Quillbrook Health Centre', kind: 'gp_practice', parent: 'icb' },
  school1: { code: 'SCH-OUS-01', name: 'Larkspur Lane Primary School', kind: 'school', parent: 'la' },
  school2: { code: 'SCH-OUS-02', name: "St Wimble's Church of England Primary School", kind: 'school', parent: 'la' },
  school3: { code: 'SCH-OUS-03', name: 'Ouseford Academy', kind: 'school', parent: 'la' },
  sexualHealth: { code: 'VOL-OUS-SH', name: 'Lanternlight Young People’s Sexual Health Service', kind: 'voluntary_provider' },
  substanceMisuse: { code: 'VOL-OUS-SM', name: 'Turning Tide Young People’s Substance Misuse Service', kind: 'voluntary_provider' },
};

/** Establishment numbers used in UPNs for the three demo schools. */
const SCHOOL_ESTABLISHMENT: Record<'school1' | 'school2' | 'school3', number> = { school1: 2101, school2: 3102, school3: 4103 };

const TEAMS: Record<TeamKey, { org: OrgKey; name: string; kind: TeamKind }> = {
  ed: { org: 'hospitals', name: 'Emergency Department', kind: 'emergency_department' },
  paediatrics: { org: 'hospitals', name: "Children's Ward and Paediatrics", kind: 'paediatrics' },
  maternity: { org: 'hospitals', name: 'Maternity Services', kind: 'maternity' },
  hospitalSafeguarding: { org: 'hospitals', name: 'Hospital Safeguarding Team', kind: 'safeguarding' },
  hvNorth: { org: 'community', name: 'Health Visiting – Ouseford North', kind: 'health_visiting' },
  hvSouth: { org: 'community', name: 'Health Visiting – Ouseford South', kind: 'health_visiting' },
  schoolNursing: { org: 'community', name: 'School Nursing', kind: 'school_nursing' },
  lacHealth: { org: 'community', name: "Looked After Children's Health Team", kind: 'lac_health' },
  communitySafeguarding: { org: 'community', name: 'Safeguarding Children Team', kind: 'safeguarding' },
  camhs: { org: 'mentalHealth', name: 'Ouseford CAMHS', kind: 'camhs' },
  lacCamhs: { org: 'mentalHealth', name: 'LAC CAMHS', kind: 'lac_camhs' },
  gp1: { org: 'gp1', name: 'Thistle Lane Surgery clinical team', kind: 'general_practice' },
  gp2: { org: 'gp2', name: 'Marrowfield Medical Centre clinical team', kind: 'general_practice' },
  gp3: { org: 'gp3', name: 'Quillbrook Health Centre clinical team', kind: 'general_practice' },
  designated: { org: 'icb', name: 'Designated Safeguarding Professionals', kind: 'safeguarding' },
  commissioning: { org: 'icb', name: "Children's Commissioning", kind: 'commissioning' },
  administration: { org: 'icb', name: 'CLASP System Administration', kind: 'administration' },
  mashHealth: { org: 'mash', name: 'MASH Health', kind: 'mash_health' },
  sexualHealth: { org: 'sexualHealth', name: 'Young People’s Sexual Health', kind: 'sexual_health' },
  substanceMisuse: { org: 'substanceMisuse', name: 'Young People’s Substance Misuse', kind: 'substance_misuse' },
};

/** Where each role's demo user works. Typed by RoleId, so a new role cannot be forgotten here. */
const DEMO_USERS: Record<RoleId, { displayName: string; org: OrgKey; team: TeamKey }> = {
  midwife: { displayName: 'Rosalind Quernby', org: 'hospitals', team: 'maternity' },
  safeguarding_midwife: { displayName: 'Fenella Marlbridge', org: 'hospitals', team: 'maternity' },
  health_visitor: { displayName: 'Hazel Brindlewick', org: 'community', team: 'hvNorth' },
  school_nurse: { displayName: 'Imogen Tullcombe', org: 'community', team: 'schoolNursing' },
  zero_to_nineteen_team_manager: { displayName: 'Winifred Pellstow', org: 'community', team: 'hvNorth' },
  ed_clinician: { displayName: 'Dr Caspian Frithwell', org: 'hospitals', team: 'ed' },
  paediatric_liaison_nurse: { displayName: 'Oriel Kestleigh', org: 'hospitals', team: 'ed' },
  paediatrician: { displayName: 'Dr Amara Skellthorpe', org: 'hospitals', team: 'paediatrics' },
  gp: { displayName: 'Dr Barnaby Hobbsworth', org: 'gp1', team: 'gp1' },
  named_gp: { displayName: 'Dr Priya Vellminster', org: 'gp2', team: 'gp2' },
  camhs_practitioner: { displayName: 'Ansel Larkholme', org: 'mentalHealth', team: 'camhs' },
  lac_camhs_practitioner: { displayName: 'Talia Dunnhaven', org: 'mentalHealth', team: 'lacCamhs' },
  lac_nurse: { displayName: 'Clementine Nebbdale', org: 'community', team: 'lacHealth' },
  designated_nurse: { displayName: 'Beatrix Woldeross', org: 'icb', team: 'designated' },
  designated_doctor: { displayName: 'Dr Gideon Ravelcombe', org: 'icb', team: 'designated' },
  named_nurse: { displayName: 'Dorothea Fennleigh', org: 'community', team: 'communitySafeguarding' },
  mash_health_practitioner: { displayName: 'Saffron Gormfield', org: 'mash', team: 'mashHealth' },
  sexual_health_practitioner: { displayName: 'Leonie Ashenby', org: 'sexualHealth', team: 'sexualHealth' },
  substance_misuse_worker: { displayName: 'Rafferty Zellworth', org: 'substanceMisuse', team: 'substanceMisuse' },
  commissioner: { displayName: 'Horatio Cawlham', org: 'icb', team: 'commissioning' },
  system_administrator: { displayName: 'Kit Innisborough', org: 'icb', team: 'administration' },
};

const ETHNICITY_MIX: readonly (readonly [EthnicityCode, number])[] = [
  ['WBRI', 62], ['WOTH', 7], ['WIRI', 1], ['MWBC', 3], ['MWBA', 2], ['MWAS', 2], ['MOTH', 2], ['AIND', 3],
  ['APKN', 4], ['ABAN', 2], ['AOTH', 2], ['BAFR', 4], ['BCRB', 2], ['BOTH', 1], ['CHNE', 1], ['OOTH', 2], ['NOBT', 1],
];

type School = 'school1' | 'school2' | 'school3';
type Practice = 'gp1' | 'gp2' | 'gp3';

interface ChildSpec {
  given: string;
  family: string;
  sex: Sex | 'unknown';
  /** Age as [years, extra days]; omitted for an unborn child. */
  age?: readonly [number, number];
  /** For an unborn child: days until the expected due date. */
  dueInDays?: number;
  practice?: Practice | null;
  school?: School | null;
  ethnicity?: EthnicityCode;
  motherId?: string | null;
  laChildId?: boolean;
  placementArea?: string | null;
  nhsNumber?: string;
  nhsNumberStatus?: 'verified' | 'unverified';
}

interface Household {
  line1: string;
  postcode: string;
  /** Lived here since this many days ago. */
  sinceDaysAgo: number;
  previous?: { line1: string; postcode: string; fromDaysAgo: number };
}

export async function seedDemo({ db, today, passwordHash, now = new Date() }: { db: Kysely<Database>; today: string; passwordHash: string; now?: Date }): Promise<{ users: DemoUser[] }> {
  const existing = await db.selectFrom('organisations').select('id').where('code', '=', DEMO_LA_CODE).executeTakeFirst();
  if (existing) throw new DemoAlreadySeededError();

  const rng = new Rng(hashSeed('clasp-demo-ouseford'));
  const nhs = new NhsNumberSequence(0, DEMO_NHS_POSITIONS);
  const firstNhs = nhs.next();
  if (firstNhs !== DEMO_CHILD_NHS_NUMBER) throw new Error(`Demo NHS number sequence changed: ${firstNhs}`);

  const daysAgo = (days: number) => addDays(today, -days);
  const daysAhead = (days: number) => addDays(today, days);
  const monthsAgo = (months: number) => addMonths(today, -months);
  const dobFor = ([years, days]: readonly [number, number]) => addDays(addYears(today, -years), -days);
  const at = (date: string, time = '10:00:00') => `${date}T${time}Z`;
  /** Safeguarding events (#3), recorded through the real event log after the rest is written, so they are routed. */
  const demoEvents: { childId: string; input: RecordEventInput }[] = [];
  const event = (childId: string, daysBefore: number, time: string, input: Omit<RecordEventInput, 'occurredAt' | 'confidentiality'> & { confidentiality?: RecordEventInput['confidentiality'] }) =>
    demoEvents.push({ childId, input: { confidentiality: 'standard', ...input, occurredAt: at(daysAgo(daysBefore), time) } as RecordEventInput });

  // ---- Organisations, teams, users ----
  const orgIds = {} as Record<OrgKey, string>;
  const organisations: Insertable<OrganisationsTable>[] = [];
  for (const key of Object.keys(ORGANISATIONS) as OrgKey[]) orgIds[key] = rng.uuid();
  for (const [key, org] of Object.entries(ORGANISATIONS) as [OrgKey, (typeof ORGANISATIONS)[OrgKey]][]) {
    organisations.push({ id: orgIds[key], code: org.code, name: org.name, kind: org.kind, parent_id: org.parent ? orgIds[org.parent] : null });
  }
  const teamIds = {} as Record<TeamKey, string>;
  const teams: Insertable<TeamsTable>[] = [];
  for (const [key, team] of Object.entries(TEAMS) as [TeamKey, (typeof TEAMS)[TeamKey]][]) {
    teamIds[key] = rng.uuid();
    teams.push({ id: teamIds[key], organisation_id: orgIds[team.org], name: team.name, kind: team.kind });
  }
  const userIds = {} as Record<RoleId, string>;
  const users: Insertable<UsersTable>[] = [];
  const result: DemoUser[] = [];
  for (const role of Object.keys(ROLES) as RoleId[]) {
    const spec = DEMO_USERS[role];
    userIds[role] = rng.uuid();
    users.push({
      id: userIds[role],
      username: demoUsername(role),
      display_name: spec.displayName,
      password_hash: passwordHash,
      role_id: role,
      organisation_id: orgIds[spec.org],
      team_id: teamIds[spec.team],
      is_demo: true,
    });
    result.push({ username: demoUsername(role), role, organisation: ORGANISATIONS[spec.org].name });
  }

  // ---- Children and everything about them ----
  const people: Insertable<PeopleTable>[] = [];
  const children: Insertable<ChildrenTable>[] = [];
  const names: Insertable<ChildNamesTable>[] = [];
  const addresses: Insertable<ChildAddressesTable>[] = [];
  const identifiers: Insertable<ChildIdentifiersTable>[] = [];
  const relationships: Insertable<RelationshipsTable>[] = [];
  const episodes: Insertable<StatusEpisodesTable>[] = [];
  const flags: Insertable<ManualFlagsTable>[] = [];
  const allocations: Insertable<CaseloadAllocationsTable>[] = [];
  const dobs = new Map<string, string | null>();
  let laChildSerial = 104_200;
  let upnSerial = 1;
  let hospitalSerial = 700_100;

  const household = (sinceDaysAgo: number, previousFromDaysAgo?: number): Household => ({
    line1: houseAddress(rng),
    postcode: postcode(rng, DEMO_POSTCODE_AREA, rng.int(1, 9)),
    sinceDaysAgo,
    ...(previousFromDaysAgo !== undefined
      ? { previous: { line1: houseAddress(rng), postcode: postcode(rng, DEMO_POSTCODE_AREA, rng.int(1, 9)), fromDaysAgo: previousFromDaysAgo } }
      : {}),
  });

  const person = (p: { given: string; family: string; age: number; nhsNumber?: boolean; phone?: boolean }): string => {
    const id = rng.uuid();
    people.push({
      id,
      given_name: p.given,
      family_name: p.family,
      date_of_birth: dobFor([p.age, rng.int(0, 364)]),
      nhs_number: p.nhsNumber === false ? null : nhs.next(),
      // Ofcom reserves 07700 900000–900999 for drama: never a real phone.
      phone: p.phone === false ? null : `07700 900${String(rng.int(0, 999)).padStart(3, '0')}`,
    });
    return id;
  };

  const child = (spec: ChildSpec, home: Household | null): string => {
    const id = rng.uuid();
    const unborn = spec.age === undefined;
    const dob = unborn ? null : dobFor(spec.age!);
    dobs.set(id, dob);
    const school = spec.school ?? null;
    children.push({
      id,
      nhs_number: unborn ? null : (spec.nhsNumber ?? nhs.next()),
      nhs_number_status: unborn ? 'none' : (spec.nhsNumberStatus ?? 'verified'),
      la_child_id: spec.laChildId ? `OUS${laChildSerial++}` : null,
      given_name: spec.given,
      family_name: spec.family,
      date_of_birth: dob,
      expected_due_on: unborn ? daysAhead(spec.dueInDays ?? 60) : null,
      is_unborn: unborn,
      mother_person_id: spec.motherId ?? null,
      sex: spec.sex,
      ethnicity: spec.ethnicity ?? rng.weighted(ETHNICITY_MIX),
      registered_practice_id: spec.practice ? orgIds[spec.practice] : null,
      school_id: school ? orgIds[school] : null,
      responsible_la_id: orgIds.la,
      placement_area: spec.placementArea ?? null,
    });
    names.push({ child_id: id, id: rng.uuid(), given_name: spec.given, family_name: spec.family, kind: 'usual', valid_from: dob ?? today, valid_to: null });
    if (home) {
      const movedIn = dob && home.sinceDaysAgo > 0 && daysAgo(home.sinceDaysAgo) < dob ? dob : daysAgo(home.sinceDaysAgo);
      if (home.previous && dob && daysAgo(home.sinceDaysAgo) > dob) {
        const from = daysAgo(home.previous.fromDaysAgo) < dob ? dob : daysAgo(home.previous.fromDaysAgo);
        addresses.push({ child_id: id, id: rng.uuid(), line1: home.previous.line1, town: DEMO_TOWN, postcode: home.previous.postcode, valid_from: from, valid_to: addDays(movedIn, -1) });
      }
      addresses.push({ child_id: id, id: rng.uuid(), line1: home.line1, town: DEMO_TOWN, postcode: home.postcode, valid_from: movedIn, valid_to: null });
    }
    if (school && dob) {
      const startedSchool = addYears(dob, 4);
      identifiers.push({
        child_id: id,
        id: rng.uuid(),
        kind: 'upn',
        value: upn({ laNumber: DEMO_UPN_LA_NUMBER, establishment: SCHOOL_ESTABLISHMENT[school], year: Number(startedSchool.slice(0, 4)), serial: upnSerial++ }),
        issuer: ORGANISATIONS[school].name,
      });
    }
    if (spec.motherId) relate(id, { kind: 'mother', personId: spec.motherId, pr: true, livesWith: !spec.placementArea && home !== null, from: dob });
    return id;
  };

  const relate = (
    childId: string,
    r: { kind: string; personId?: string; childId?: string; pr?: boolean; livesWith?: boolean; from?: string | null; to?: string | null },
  ) => {
    relationships.push({
      child_id: childId,
      id: rng.uuid(),
      kind: r.kind,
      related_child_id: r.childId ?? null,
      related_person_id: r.personId ?? null,
      has_parental_responsibility: r.pr ?? false,
      lives_with: r.livesWith ?? false,
      valid_from: r.from ?? null,
      valid_to: r.to ?? null,
    });
  };

  const siblings = (ids: string[], livesWith = true) => {
    for (const a of ids) {
      for (const b of ids) {
        if (a === b) continue;
        const later = [dobs.get(a), dobs.get(b)].filter((d): d is string => !!d).sort()[1] ?? null;
        relate(a, { kind: 'sibling', childId: b, livesWith, from: later });
      }
    }
  };

  const SOURCE_CSC = "Ouseford Children's Social Care (case management system)";
  const episode = (
    childId: string,
    e: {
      kind: 'early_help' | 'child_in_need' | 'child_protection' | 'looked_after' | 'care_leaver';
      from: string;
      to?: string | null;
      cp?: CpCategory;
      legal?: LegalStatusCode;
      placement?: PlacementTypeCode;
      provider?: PlacementProviderCode;
      inArea?: boolean;
      extendedTo25?: boolean;
      source?: string;
      by?: RoleId;
    },
  ) => {
    episodes.push({
      child_id: childId,
      id: rng.uuid(),
      kind: e.kind,
      started_on: e.from,
      ended_on: e.to ?? null,
      cp_category: e.cp ?? null,
      legal_status: e.legal ?? null,
      placement_type: e.placement ?? null,
      placement_provider: e.provider ?? null,
      placement_in_area: e.inArea ?? null,
      extended_to_25: e.extendedTo25 ?? false,
      source: e.source ?? (e.kind === 'early_help' ? 'Ouseford Early Help Hub' : SOURCE_CSC),
      recorded_by: e.by ? userIds[e.by] : userIds.mash_health_practitioner,
      recorded_at: at(e.from, '16:30:00'),
    });
  };

  const flag = (
    childId: string,
    f: { kind: ManualFlagKind; note: string; source: string; by: RoleId; recordedDaysAgo: number; reviewInDays: number; disclosed: boolean; reason?: string },
  ) => {
    flags.push({
      child_id: childId,
      id: rng.uuid(),
      kind: f.kind,
      note: f.note,
      source: f.source,
      recorded_by: userIds[f.by],
      recorded_at: at(daysAgo(f.recordedDaysAgo), '11:15:00'),
      review_on: daysAhead(f.reviewInDays),
      ended_on: null,
      disclosure_decision: f.disclosed ? 'disclosed' : 'not_disclosed',
      disclosure_reason: f.reason ?? null,
    });
  };

  const allocate = (childId: string, team: TeamKey, service: string, role: RoleId | null, sinceDaysAgo: number) => {
    const dob = dobs.get(childId);
    const started = dob && daysAgo(sinceDaysAgo) < dob ? dob : daysAgo(sinceDaysAgo);
    allocations.push({ child_id: childId, id: rng.uuid(), team_id: teamIds[team], user_id: role ? userIds[role] : null, service, started_on: started, ended_on: null });
  };

  const hospitalNumber = (childId: string) =>
    identifiers.push({ child_id: childId, id: rng.uuid(), kind: 'hospital_number', value: `OUH${hospitalSerial++}`, issuer: ORGANISATIONS.hospitals.name });

  // 1. The well-known demo child and her brother: CP plan (neglect), after a period as children in need.
  //    Ellie took her mother's surname six months ago; the family moved eight months ago; the father is
  //    subject to a MARAC referral (domestic abuse).
  {
    const mother = person({ given: 'Mabel', family: 'Thistlewood', age: 29 });
    const father = person({ given: 'Rufus', family: 'Brackenridge', age: 33 });
    const home = household(240, 2200);
    const ellie = child({ given: 'Ellie', family: 'Thistlewood', sex: 'female', age: [2, 97], practice: 'gp1', motherId: mother, laChildId: true, ethnicity: 'WBRI', nhsNumber: DEMO_CHILD_NHS_NUMBER }, home);
    const tobias = child({ given: 'Tobias', family: 'Thistlewood', sex: 'male', age: [7, 140], practice: 'gp1', school: 'school1', motherId: mother, laChildId: true, ethnicity: 'WBRI' }, home);
    event(ellie, 95, '19:20:00', { type: 'ed_attendance', organisationId: orgIds.hospitals, summary: 'Scald to left hand from a cup of tea; mother says Ellie pulled it off the table', details: { presentingComplaint: 'Scald, left hand', accompaniedBy: 'mother', accompanyingAdultHasParentalResponsibility: 'yes', injury: true, injuryMechanism: 'Hot drink pulled from table', discharge: 'home', safeguardingConcern: false } });
    event(ellie, 5, '23:40:00', { type: 'police_dv_notification', organisationId: orgIds.mash, confidentiality: 'dv_disclosure', summary: 'Police called to a domestic incident at the family home; children asleep upstairs', details: { policeReference: 'OUS-DEMO-0417', riskLevel: 'medium', childrenPresent: 'yes', adultsInvolved: [{ name: 'Mabel Thistlewood', role: 'victim', relationshipToChild: 'mother' }, { name: 'Rory Brackenridge', role: 'alleged_perpetrator', relationshipToChild: 'father' }] } });
    event(ellie, 2, '03:10:00', { type: 'ed_attendance', organisationId: orgIds.hospitals, summary: 'Bruise to right cheek; mother says Ellie fell against the cot', details: { presentingComplaint: 'Facial bruise', accompaniedBy: 'mother', accompanyingAdultHasParentalResponsibility: 'yes', injury: true, injuryMechanism: 'Fall against cot rail (mother’s account)', discharge: 'home', safeguardingConcern: true, safeguardingConcernNote: 'Second injury in three months; bruise on the face of a two-year-old; known CP plan' } });
    event(tobias, 3, '11:15:00', { type: 'mash_referral', organisationId: orgIds.school1, summary: 'Class teacher rang MASH: Tobias said he is scared to go home', details: { mode: 'verbal', concern: 'Tobias told his teacher he is scared when his dad visits', referrerName: 'Pip Fallowfield', referrerRole: 'Class teacher, Larkspur Lane Primary School' } });
    const ellieUsual = names.find((n) => n.child_id === ellie)!;
    ellieUsual.valid_from = daysAgo(182);
    names.push({ child_id: ellie, id: rng.uuid(), given_name: 'Ellie', family_name: 'Brackenridge', kind: 'previous', valid_from: dobs.get(ellie)!, valid_to: daysAgo(183) });
    names.push({ child_id: tobias, id: rng.uuid(), given_name: 'Tobias', family_name: 'Brackenridge', kind: 'previous', valid_from: dobs.get(tobias)!, valid_to: daysAgo(183) });
    siblings([ellie, tobias]);
    for (const id of [ellie, tobias]) {
      relate(id, { kind: 'father', personId: father, pr: true, livesWith: false, from: dobs.get(id)! });
      episode(id, { kind: 'child_in_need', from: monthsAgo(10), to: monthsAgo(4) });
      episode(id, { kind: 'child_protection', from: monthsAgo(4), cp: 'neglect', source: 'Ouseford initial child protection conference' });
      flag(id, {
        kind: 'marac',
        note: 'Mother discussed at MARAC (high-risk domestic abuse). Do not share contact details with the father.',
        source: 'Ouseford MARAC meeting minutes',
        by: 'named_nurse',
        recordedDaysAgo: 150,
        reviewInDays: 30,
        disclosed: false,
        reason: 'Disclosure could increase the risk to the child and the mother (MARAC information-sharing protocol).',
      });
    }
    allocate(ellie, 'hvNorth', 'health_visiting', 'health_visitor', 700);
    allocate(tobias, 'schoolNursing', 'school_nursing', 'school_nurse', 300);
    allocate(ellie, 'communitySafeguarding', 'safeguarding', 'named_nurse', 120);
    hospitalNumber(ellie);
  }

  // 2. Unborn children: one with a pre-birth child protection plan, one with early help, one universal.
  {
    const mother = person({ given: 'Marigold', family: 'Nettlecombe', age: 19 });
    const unborn = child({ given: 'Baby', family: 'Nettlecombe', sex: 'unknown', dueInDays: 42, practice: 'gp2', motherId: mother, laChildId: true, ethnicity: 'WBRI' }, household(90));
    event(unborn, 30, '10:00:00', { type: 'maternity_booking', organisationId: orgIds.hospitals, summary: 'Booked at 28 weeks; mother disclosed past domestic abuse and low mood', details: { gestationWeeks: 28, riskFactors: ['domestic_abuse', 'parental_mental_health', 'late_booking'] } });
    episode(unborn, { kind: 'child_in_need', from: daysAgo(75), to: daysAgo(21), source: 'Ouseford pre-birth assessment' });
    episode(unborn, { kind: 'child_protection', from: daysAgo(21), cp: 'neglect', source: 'Ouseford pre-birth child protection conference' });
    allocate(unborn, 'maternity', 'midwifery', 'midwife', 120);
    allocate(unborn, 'hvSouth', 'health_visiting', null, 30);

    const mother2 = person({ given: 'Ottilie', family: 'Campionford', age: 24 });
    const unborn2 = child({ given: 'Baby', family: 'Campionford', sex: 'unknown', dueInDays: 70, practice: 'gp1', motherId: mother2, laChildId: true }, household(400));
    episode(unborn2, { kind: 'early_help', from: daysAgo(40) });
    allocate(unborn2, 'maternity', 'midwifery', 'midwife', 150);

    const mother3 = person({ given: 'Elodie', family: 'Sorrelshaw', age: 31 });
    const unborn3 = child({ given: 'Baby', family: 'Sorrelshaw', sex: 'unknown', dueInDays: 98, practice: 'gp3', motherId: mother3 }, household(1500));
    allocate(unborn3, 'maternity', 'midwifery', 'midwife', 60);

    const mother4 = person({ given: 'Aurelia', family: 'Hobblewick', age: 27 });
    const newborn = child({ given: 'Wren', family: 'Hobblewick', sex: 'female', age: [0, 9], practice: 'gp1', motherId: mother4, nhsNumberStatus: 'unverified' }, household(800));
    allocate(newborn, 'maternity', 'midwifery', 'midwife', 9);
    allocate(newborn, 'hvNorth', 'health_visiting', 'health_visitor', 5);
  }

  // 3. Children in need, one household with domestic abuse whose flag review is overdue.
  {
    const mother = person({ given: 'Tabitha', family: 'Pebblebrook', age: 34 });
    const home = household(1300, 2900);
    const kids = [
      child({ given: 'Milo', family: 'Pebblebrook', sex: 'male', age: [4, 20], practice: 'gp1', motherId: mother, laChildId: true }, home),
      child({ given: 'Posy', family: 'Pebblebrook', sex: 'female', age: [9, 200], practice: 'gp1', school: 'school1', motherId: mother, laChildId: true }, home),
      child({ given: 'Fergus', family: 'Pebblebrook', sex: 'male', age: [12, 45], practice: 'gp1', school: 'school3', motherId: mother, laChildId: true }, home),
    ];
    siblings(kids);
    for (const id of kids) {
      episode(id, { kind: 'child_in_need', from: monthsAgo(7) });
      flag(id, {
        kind: 'dv_in_household',
        note: 'Police notification of a domestic incident at the home address (Operation Encompass).',
        source: 'Ouseford Police Operation Encompass notification',
        by: 'mash_health_practitioner',
        recordedDaysAgo: 200,
        reviewInDays: -14,
        disclosed: true,
      });
    }
    allocate(kids[0]!, 'hvNorth', 'health_visiting', 'health_visitor', 1000);
    allocate(kids[1]!, 'schoolNursing', 'school_nursing', 'school_nurse', 400);
    allocate(kids[2]!, 'schoolNursing', 'school_nursing', null, 400);
  }

  // 4. CP (physical abuse): a baby seen by the paediatric team after an ED attendance, and her brother.
  {
    const mother = person({ given: 'Kezia', family: 'Marrowdew', age: 25 });
    const home = household(500);
    const baby = child({ given: 'Ivy', family: 'Marrowdew', sex: 'female', age: [1, 30], practice: 'gp2', motherId: mother, laChildId: true }, home);
    const brother = child({ given: 'Otto', family: 'Marrowdew', sex: 'male', age: [5, 180], practice: 'gp2', school: 'school2', motherId: mother, laChildId: true }, home);
    siblings([baby, brother]);
    for (const id of [baby, brother]) episode(id, { kind: 'child_protection', from: monthsAgo(2), cp: 'physical', source: 'Ouseford initial child protection conference' });
    allocate(baby, 'hvSouth', 'health_visiting', 'health_visitor', 360);
    allocate(baby, 'paediatrics', 'paediatrics', 'paediatrician', 70);
    allocate(baby, 'ed', 'emergency_department', 'paediatric_liaison_nurse', 72);
    allocate(brother, 'schoolNursing', 'school_nursing', null, 60);
    hospitalNumber(baby);
  }

  // 5. Adolescents: CP (sexual abuse) with a CSE concern; CP (multiple) with substance misuse; two girls at FGM risk.
  {
    const mother = person({ given: 'Primrose', family: 'Crumblethwaite', age: 41 });
    const girl = child({ given: 'Lyra', family: 'Crumblethwaite', sex: 'female', age: [14, 100], practice: 'gp3', school: 'school3', motherId: mother, laChildId: true }, household(3000));
    episode(girl, { kind: 'child_protection', from: monthsAgo(5), cp: 'sexual', source: 'Ouseford initial child protection conference' });
    flag(girl, {
      kind: 'cse_concern',
      note: 'Seen getting into cars with unknown adult men near Ouseford bus station. Strategy meeting held; exploitation screening tool completed.',
      source: 'Ouseford MASH strategy meeting',
      by: 'mash_health_practitioner',
      recordedDaysAgo: 160,
      reviewInDays: 20,
      disclosed: false,
      reason: 'Telling the young person or her family could alert the people exploiting her (police advice).',
    });
    allocate(girl, 'sexualHealth', 'sexual_health', 'sexual_health_practitioner', 120);
    allocate(girl, 'camhs', 'camhs', 'camhs_practitioner', 90);
    allocate(girl, 'schoolNursing', 'school_nursing', 'school_nurse', 150);
    hospitalNumber(girl);
    event(girl, 12, '16:30:00', { type: 'significant_event', organisationId: orgIds.sexualHealth, confidentiality: 'sexual_health', summary: 'Attended the young people’s clinic; emergency contraception given; exploitation screening repeated', details: { category: 'Sexual health consultation' } });

    const mother2 = person({ given: 'Yasmin', family: 'Fiddlepond', age: 38 });
    const boy = child({ given: 'Rory', family: 'Fiddlepond', sex: 'male', age: [15, 210], practice: 'gp1', school: 'school3', motherId: mother2, laChildId: true }, household(1900, 4000));
    episode(boy, { kind: 'child_protection', from: monthsAgo(9), cp: 'multiple', source: 'Ouseford initial child protection conference' });
    allocate(boy, 'substanceMisuse', 'substance_misuse', 'substance_misuse_worker', 100);
    allocate(boy, 'camhs', 'camhs', 'camhs_practitioner', 200);

    const mother3 = person({ given: 'Noor', family: 'Sparrowmire', age: 36 });
    const home3 = household(2500);
    const older = child({ given: 'Amara', family: 'Sparrowmire', sex: 'female', age: [11, 30], practice: 'gp2', school: 'school3', motherId: mother3, laChildId: true, ethnicity: 'BAFR' }, home3);
    const younger = child({ given: 'Zainab', family: 'Sparrowmire', sex: 'female', age: [7, 300], practice: 'gp2', school: 'school2', motherId: mother3, laChildId: true, ethnicity: 'BAFR' }, home3);
    siblings([older, younger]);
    for (const id of [older, younger]) {
      episode(id, { kind: 'child_in_need', from: monthsAgo(3) });
      flag(id, {
        kind: 'fgm_risk',
        note: 'Mother has had FGM (recorded at antenatal booking). FGM risk assessment completed; family told of the law and the health risks.',
        source: 'Ouseford Hospitals maternity FGM risk assessment',
        by: 'safeguarding_midwife',
        recordedDaysAgo: 95,
        reviewInDays: 90,
        disclosed: true,
      });
    }
    allocate(older, 'schoolNursing', 'school_nursing', 'school_nurse', 90);
    allocate(younger, 'schoolNursing', 'school_nursing', 'school_nurse', 90);
  }

  // 6. Looked-after children: different legal statuses and placements, some placed out of area.
  {
    const carers = new Map<string, string>();
    const lac = (
      spec: ChildSpec,
      e: { legal: LegalStatusCode; placement: PlacementTypeCode; provider: PlacementProviderCode; inArea: boolean; fromMonthsAgo: number },
      carer?: { given: string; family: string; kind: 'foster_carer' | 'kinship_carer' },
      family?: { motherId: string; home: Household },
    ): string => {
      const mother = family?.motherId ?? person({ given: givenName(rng, 'female'), family: spec.family, age: (spec.age?.[0] ?? 0) + rng.int(20, 32), phone: false });
      const home: Household = family?.home ?? { line1: houseAddress(rng), postcode: postcode(rng, DEMO_POSTCODE_AREA, rng.int(1, 9)), sinceDaysAgo: 3000 };
      const atHome = e.placement === 'P1';
      const id = child({ ...spec, motherId: mother, laChildId: true }, null);
      const dob = dobs.get(id)!;
      const started = monthsAgo(e.fromMonthsAgo) < dob ? dob : monthsAgo(e.fromMonthsAgo);
      if (atHome) relationships.find((r) => r.child_id === id && r.kind === 'mother')!.lives_with = true;
      // The family home until the child came into care (placed with parents: still there); the placement address is not recorded here.
      addresses.push({ child_id: id, id: rng.uuid(), line1: home.line1, town: DEMO_TOWN, postcode: home.postcode, valid_from: dob, valid_to: atHome ? null : started });
      episode(id, { kind: 'looked_after', from: started, legal: e.legal, placement: e.placement, provider: e.provider, inArea: e.inArea, by: 'lac_nurse' });
      if (carer) {
        const carerKey = `${carer.given} ${carer.family}`;
        const carerId = carers.get(carerKey) ?? person({ given: carer.given, family: carer.family, age: rng.int(40, 60), nhsNumber: false });
        carers.set(carerKey, carerId);
        relate(id, { kind: carer.kind, personId: carerId, pr: false, livesWith: true, from: started });
      }
      allocate(id, 'lacHealth', 'lac_health', rng.chance(0.6) ? 'lac_nurse' : null, e.fromMonthsAgo * 30);
      return id;
    };

    const k1 = lac(
      { given: 'Bram', family: 'Kettleford', sex: 'male', age: [3, 40], practice: 'gp1' },
      { legal: 'C1', placement: 'U6', provider: 'PR1', inArea: true, fromMonthsAgo: 5 },
      { given: 'Juniper', family: 'Hollowmere', kind: 'foster_carer' },
    );
    const kettlefordMother = children.find((c) => c.id === k1)!.mother_person_id!;
    const kettlefordHome = addresses.find((a) => a.child_id === k1)!;
    const k2 = lac(
      { given: 'Maisie', family: 'Kettleford', sex: 'female', age: [6, 100], practice: 'gp1', school: 'school1' },
      { legal: 'C1', placement: 'U6', provider: 'PR1', inArea: true, fromMonthsAgo: 5 },
      { given: 'Juniper', family: 'Hollowmere', kind: 'foster_carer' },
      { motherId: kettlefordMother, home: { line1: kettlefordHome.line1, postcode: kettlefordHome.postcode, sinceDaysAgo: 3000 } },
    );
    siblings([k1, k2]);
    allocate(k1, 'hvNorth', 'health_visiting', 'health_visitor', 150);
    allocate(k2, 'schoolNursing', 'school_nursing', 'school_nurse', 150);

    const u = lac(
      { given: 'Silas', family: 'Umberwick', sex: 'male', age: [9, 20], practice: null, placementArea: 'Wrenmere' },
      { legal: 'C2', placement: 'U4', provider: 'PR4', inArea: false, fromMonthsAgo: 30 },
      { given: 'Cordelia', family: 'Ravelstone', kind: 'foster_carer' },
    );
    allocate(u, 'lacCamhs', 'lac_camhs', 'lac_camhs_practitioner', 200);

    const g = lac(
      { given: 'Nico', family: 'Glimmerstone', sex: 'male', age: [13, 150], practice: null, placementArea: 'Harthaven' },
      { legal: 'C2', placement: 'K2', provider: 'PR4', inArea: false, fromMonthsAgo: 20 },
    );
    allocate(g, 'lacCamhs', 'lac_camhs', 'lac_camhs_practitioner', 300);
    allocate(g, 'camhs', 'camhs', 'camhs_practitioner', 300);

    const t = lac(
      { given: 'Freya', family: 'Tinderbury', sex: 'female', age: [15, 60], practice: 'gp2', school: 'school3' },
      { legal: 'V2', placement: 'U3', provider: 'PR1', inArea: true, fromMonthsAgo: 8 },
      { given: 'Winifred', family: 'Tinderbury', kind: 'kinship_carer' },
    );
    allocate(t, 'schoolNursing', 'school_nursing', 'school_nurse', 200);

    const l = lac(
      { given: 'Idris', family: 'Lanternshaw', sex: 'male', age: [16, 250], practice: 'gp3' },
      { legal: 'C2', placement: 'H5', provider: 'PR4', inArea: true, fromMonthsAgo: 14 },
    );
    allocate(l, 'substanceMisuse', 'substance_misuse', 'substance_misuse_worker', 80);
    allocate(l, 'sexualHealth', 'sexual_health', 'sexual_health_practitioner', 60);
    allocate(l, 'lacCamhs', 'lac_camhs', 'lac_camhs_practitioner', 100);

    const m = lac(
      { given: 'Esme', family: 'Mossyhop', sex: 'female', age: [2, 60], practice: 'gp2' },
      { legal: 'E1', placement: 'A6', provider: 'PR1', inArea: true, fromMonthsAgo: 16 },
    );
    allocate(m, 'hvSouth', 'health_visiting', 'health_visitor', 400);

    const w = lac(
      { given: 'Ezra', family: 'Wimblestone', sex: 'male', age: [8, 10], practice: null, placementArea: 'Kestleigh' },
      { legal: 'C2', placement: 'U1', provider: 'PR1', inArea: false, fromMonthsAgo: 40 },
      { given: 'Hazel', family: 'Wimblestone', kind: 'kinship_carer' },
    );
    allocate(w, 'lacCamhs', 'lac_camhs', 'lac_camhs_practitioner', 250);

    lac(
      { given: 'Matilda', family: 'Brindlecombe', sex: 'female', age: [12, 80], practice: 'gp1', school: 'school3' },
      { legal: 'C2', placement: 'P1', provider: 'PR0', inArea: true, fromMonthsAgo: 26 },
    );

    const s = lac(
      { given: 'Teodor', family: 'Snicketbury', sex: 'male', age: [17, 20], practice: 'gp3' },
      { legal: 'C2', placement: 'U4', provider: 'PR1', inArea: true, fromMonthsAgo: 60 },
      { given: 'Ruby', family: 'Fennickshaw', kind: 'foster_carer' },
    );
    allocate(s, 'camhs', 'camhs', 'camhs_practitioner', 150);
  }

  // 7. Care leavers (one with support extended to 25) and a child who returned home three months ago.
  {
    const leaver = (spec: ChildSpec, lacFromAge: number, extendedTo25 = false): string => {
      const id = child({ ...spec, laChildId: true }, household(rng.int(100, 600)));
      const dob = dobs.get(id)!;
      const eighteen = addYears(dob, 18);
      episode(id, { kind: 'looked_after', from: addYears(dob, lacFromAge), to: eighteen, legal: 'C2', placement: 'U4', provider: 'PR1', inArea: true, by: 'lac_nurse' });
      episode(id, { kind: 'care_leaver', from: eighteen, extendedTo25, source: "Ouseford Leaving Care Service", by: 'lac_nurse' });
      allocate(id, 'lacHealth', 'lac_health', 'lac_nurse', 300);
      return id;
    };
    leaver({ given: 'Ambrose', family: 'Rumblemore', sex: 'male', age: [18, 60], practice: 'gp1' }, 13);
    const tr = leaver({ given: 'Saffron', family: 'Trundlewick', sex: 'female', age: [19, 200], practice: 'gp2' }, 15);
    allocate(tr, 'sexualHealth', 'sexual_health', 'sexual_health_practitioner', 90);
    leaver({ given: 'Jago', family: 'Periwinkshaw', sex: 'male', age: [20, 30], practice: 'gp3' }, 11);
    leaver({ given: 'Niamh', family: 'Oaklegate', sex: 'female', age: [23, 100], practice: 'gp3' }, 9, true);

    const mother = person({ given: 'Leonie', family: 'Drizzlefield', age: 30 });
    const d = child({ given: 'Laurie', family: 'Drizzlefield', sex: 'male', age: [7, 45], practice: 'gp1', school: 'school2', motherId: mother, laChildId: true }, household(90, 3000));
    episode(d, { kind: 'looked_after', from: monthsAgo(14), to: daysAgo(91), legal: 'V2', placement: 'U6', provider: 'PR1', inArea: true, by: 'lac_nurse' });
    episode(d, { kind: 'child_in_need', from: daysAgo(90) });
    allocate(d, 'schoolNursing', 'school_nursing', 'school_nurse', 90);
  }

  // 8. Children whose child protection plans ended within the last year.
  {
    const mother = person({ given: 'Florence', family: 'Jollybrook', age: 28 });
    const j = child({ given: 'Ada', family: 'Jollybrook', sex: 'female', age: [6, 10], practice: 'gp2', school: 'school2', motherId: mother, laChildId: true }, household(1000));
    episode(j, { kind: 'child_protection', from: monthsAgo(14), to: monthsAgo(5), cp: 'emotional', source: 'Ouseford review child protection conference' });
    episode(j, { kind: 'child_in_need', from: monthsAgo(5), to: monthsAgo(1) });

    const mother2 = person({ given: 'Isla', family: 'Kettlepike', age: 35 });
    const k = child({ given: 'Hugo', family: 'Kettlepike', sex: 'male', age: [10, 70], practice: 'gp1', school: 'school1', motherId: mother2, laChildId: true }, household(2000));
    episode(k, { kind: 'child_protection', from: monthsAgo(20), to: monthsAgo(9), cp: 'neglect', source: 'Ouseford review child protection conference' });
    allocate(k, 'schoolNursing', 'school_nursing', 'school_nurse', 600);
  }

  // 9. Early help and other children in need.
  {
    const mother = person({ given: 'Elsie', family: 'Hedgeleywood', age: 30 });
    const home = household(700);
    const h1 = child({ given: 'Dara', family: 'Hedgeleywood', sex: 'male', age: [3, 100], practice: 'gp3', motherId: mother, laChildId: true }, home);
    const h2 = child({ given: 'Nell', family: 'Hedgeleywood', sex: 'female', age: [8, 20], practice: 'gp3', school: 'school2', motherId: mother, laChildId: true }, home);
    siblings([h1, h2]);
    episode(h1, { kind: 'early_help', from: monthsAgo(3) });
    episode(h2, { kind: 'early_help', from: monthsAgo(3) });
    allocate(h1, 'hvSouth', 'health_visiting', 'health_visitor', 600);
    allocate(h2, 'schoolNursing', 'school_nursing', 'school_nurse', 100);

    const single = (spec: ChildSpec, kind: 'early_help' | 'child_in_need', fromMonthsAgo: number, alloc?: [TeamKey, string, RoleId | null]) => {
      const mum = person({ given: givenName(rng, 'female'), family: spec.family, age: (spec.age?.[0] ?? 0) + rng.int(20, 35) });
      const id = child({ ...spec, motherId: mum, laChildId: true }, household(rng.int(200, 3000), rng.chance(0.4) ? rng.int(3100, 5000) : undefined));
      episode(id, { kind, from: monthsAgo(fromMonthsAgo) });
      if (alloc) allocate(id, alloc[0], alloc[1], alloc[2], fromMonthsAgo * 30 + 30);
      return id;
    };
    single({ given: 'Umar', family: 'Wickleshaw', sex: 'male', age: [10, 10], practice: 'gp2', school: 'school1' }, 'early_help', 2, ['schoolNursing', 'school_nursing', null]);
    single({ given: 'Elodie', family: 'Bumblepike', sex: 'female', age: [4, 200], practice: 'gp1' }, 'early_help', 4, ['hvNorth', 'health_visiting', 'health_visitor']);
    single({ given: 'Kwame', family: 'Noggintford', sex: 'male', age: [13, 300], practice: 'gp3', school: 'school3' }, 'early_help', 6);
    single({ given: 'Calla', family: 'Cobblehop', sex: 'female', age: [1, 100], practice: 'gp2' }, 'early_help', 5, ['hvSouth', 'health_visiting', 'health_visitor']);
    single({ given: 'Iona', family: 'Lichenhop', sex: 'female', age: [15, 30], practice: 'gp1', school: 'school3' }, 'child_in_need', 4, ['camhs', 'camhs', 'camhs_practitioner']);
    const y = single({ given: 'Leopold', family: 'Yarrowdew', sex: 'male', age: [6, 150], practice: 'gp1', school: 'school2' }, 'child_in_need', 18, ['paediatrics', 'paediatrics', 'paediatrician']);
    hospitalNumber(y);
    single({ given: 'Orson', family: 'Gorsebury', sex: 'male', age: [16, 90], practice: 'gp3', school: 'school3' }, 'child_in_need', 6, ['substanceMisuse', 'substance_misuse', 'substance_misuse_worker']);
  }

  // 10. Children with no safeguarding status: universal health visiting and school nursing, an ED follow-up.
  {
    const puddle = person({ given: 'Sunniva', family: 'Puddlewood', age: 26 });
    const p = child({ given: 'Wilf', family: 'Puddlewood', sex: 'male', age: [2, 10], practice: 'gp1', motherId: puddle }, household(600));
    allocate(p, 'ed', 'emergency_department', 'paediatric_liaison_nurse', 3);
    allocate(p, 'hvNorth', 'health_visiting', 'health_visitor', 700);
    for (const daysBefore of [60, 8]) {
      event(p, daysBefore, '09:30:00', { type: 'missed_appointment', organisationId: orgIds.hospitals, summary: 'Not brought to the children’s physiotherapy clinic', details: { kind: 'was_not_brought', service: 'Children’s physiotherapy', clinic: 'Ouseford Hospital outpatients', plannedCareType: 'physiotherapy' } });
    }
    hospitalNumber(p);

    const practices: Practice[] = ['gp1', 'gp2', 'gp3'];
    while (children.length < 60) {
      const family = familyName(rng);
      const mum = person({ given: givenName(rng, 'female'), family, age: rng.int(22, 42) });
      const home = household(rng.int(100, 4000), rng.chance(0.3) ? rng.int(4100, 6000) : undefined);
      const practice = rng.pick(practices);
      const size = Math.min(rng.weighted([[1, 5], [2, 3], [3, 1]] as const), 60 - children.length);
      const kids: string[] = [];
      for (let i = 0; i < size; i += 1) {
        const sex: Sex = rng.chance(0.5) ? 'female' : 'male';
        const years = rng.int(0, 16);
        const school: School | null = years >= 4 ? (years >= 11 ? 'school3' : rng.pick(['school1', 'school2'] as const)) : null;
        const id = child({ given: givenName(rng, sex), family, sex, age: [years, rng.int(0, 364)], practice, school, motherId: mum }, home);
        kids.push(id);
        if (years < 5) allocate(id, practice === 'gp3' ? 'hvSouth' : 'hvNorth', 'health_visiting', practice === 'gp1' ? 'health_visitor' : null, 2000);
        else if (rng.chance(0.3)) allocate(id, 'schoolNursing', 'school_nursing', rng.chance(0.5) ? 'school_nurse' : null, 500);
      }
      if (kids.length > 1) siblings(kids);
    }
  }

  await db.transaction().execute(async (tx) => {
    await tx.insertInto('organisations').values(organisations).execute();
    await tx.insertInto('teams').values(teams).execute();
    await tx.insertInto('users').values(users).execute();
    await tx.insertInto('people').values(people).execute();
    await tx.insertInto('children').values(children).execute();
    await tx.insertInto('child_names').values(names).execute();
    await tx.insertInto('child_addresses').values(addresses).execute();
    await tx.insertInto('child_identifiers').values(identifiers).execute();
    await tx.insertInto('relationships').values(relationships).execute();
    await tx.insertInto('status_episodes').values(episodes).execute();
    await tx.insertInto('manual_flags').values(flags).execute();
    await tx.insertInto('caseload_allocations').values(allocations).execute();
    // Escalations go to the 0-19 team manager; unallocated work to the teams that triage it.
    await tx.updateTable('teams').set({ manager_user_id: userIds.zero_to_nineteen_team_manager }).where('id', 'in', [teamIds.hvNorth, teamIds.hvSouth, teamIds.schoolNursing]).execute();
    await tx.updateTable('teams').set({ manager_user_id: userIds.named_nurse }).where('id', 'in', [teamIds.ed, teamIds.communitySafeguarding]).execute();
    await tx.updateTable('teams').set({ receives_unallocated: true }).where('id', 'in', [teamIds.hvNorth, teamIds.schoolNursing, teamIds.communitySafeguarding]).execute();
    // Each event is recorded as if it arrived 20 minutes after it happened, so its worklist items age
    // (and the oldest escalate) as they would have.
    for (const { childId, input } of demoEvents) {
      const arrived = new Date(Math.min(Date.parse(input.occurredAt) + 20 * 60_000, now.getTime()));
      await recordEvents(
        { db: tx, clock: { now: () => arrived, today: () => arrived.toISOString().slice(0, 10) } },
        {
          actor: { userId: userIds.designated_nurse, username: demoUsername('designated_nurse'), role: 'designated_nurse', organisationId: orgIds.icb, teamId: teamIds.designated, channel: 'cli' },
          submissions: [{ childId, input }],
          source: 'feed',
          checkScope: false,
          tx,
        },
      );
    }
  });

  return { users: result };
}
