import type { FormSection } from '../form-definition.js';

/**
 * Sections shared by version 1 of the initial and review health assessment forms. Frozen with those
 * versions: a change means new `*.v2` files, never an edit here once shipped.
 *
 * Wording is CLASP's own; no text from licensed tools (BAAF/CoramBAAF forms, the SDQ) is reproduced.
 * Sources per section below: CQC Bedford 2015 paras 4.2–4.11 and recommendations 1.2, 1.3, 3.9;
 * CPPCR 2010 Schedule 1 para 1 via domain-rules.md §1.2 [C]; SDQ age range per domain-rules.md §1.3 [C].
 */

/** Field ids other code relies on (KPIs, workflow). */
export const HEALTH_ASSESSMENT_FIELD_IDS = {
  voiceOfChild: 'voiceOfChildInOwnWords',
  voiceOfChildWrittenBy: 'voiceOfChildWrittenBy',
  placedOutOfArea: 'placedOutOfArea',
  hostArea: 'hostArea',
  sexuallyActive: 'sexuallyActive',
  cseConsidered: 'cseConsidered',
} as const;

const REQUESTED_STATUS_OPTIONS = [
  { value: 'requested_received', label: 'Requested and received' },
  { value: 'requested_not_received', label: 'Requested, not yet received' },
  { value: 'not_requested', label: 'Not requested' },
] as const;

/** SDQ is completed for children aged 4 to 16 (domain-rules.md §1.3 [C]). */
const SDQ_AGE = { all: [{ ageAtLeast: 4 }, { ageBelow: 17 }] } as const;

/** Consent, Fraser competence and the young person's signature or equivalent (CQC 4.5; CPPCR reg 7(4) refusal). */
export const CONSENT_SECTION: FormSection = {
  id: 'consent',
  title: 'Consent',
  fields: [
    { id: 'consentDiscussed', type: 'yesNo', label: 'Was consent to this assessment discussed with the child or young person?', required: true, requiredMessage: 'Select yes if consent was discussed' },
    {
      id: 'fraserCompetent',
      type: 'radios',
      label: 'Is the young person competent to make this decision for themselves (Fraser/Gillick)?',
      required: true,
      requiredMessage: 'Select whether the young person is competent to consent',
      options: [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
        { value: 'not_applicable', label: 'Not applicable – the child is too young to decide' },
      ],
    },
    { id: 'consentGiven', type: 'yesNo', label: 'Was consent given?', required: true, requiredMessage: 'Select yes if consent was given' },
    {
      id: 'consentGivenBy',
      type: 'radios',
      label: 'Who gave consent?',
      required: true,
      showWhen: { equals: { field: 'consentGiven', value: 'yes' } },
      requiredMessage: 'Select who gave consent',
      options: [
        { value: 'young_person', label: 'The young person' },
        { value: 'parent', label: 'A parent with parental responsibility' },
        { value: 'local_authority', label: 'The local authority' },
      ],
    },
    {
      id: 'refusalInOwnWords',
      type: 'textarea',
      label: 'What did the young person say about not wanting the assessment?',
      hint: 'Record the refusal and when the assessment will be offered again.',
      required: true,
      showWhen: { equals: { field: 'consentGiven', value: 'no' } },
      requiredMessage: 'Enter what the young person said about not wanting the assessment',
    },
    {
      id: 'signatureOrEquivalent',
      type: 'radios',
      label: "Young person's signature or equivalent",
      required: true,
      requiredMessage: "Select how the young person's agreement was recorded",
      options: [
        { value: 'signed', label: 'Signed by the young person' },
        { value: 'verbal_recorded', label: 'Verbal agreement recorded' },
        { value: 'not_obtained', label: 'Not obtained' },
      ],
    },
    {
      id: 'signatureNotObtainedReason',
      type: 'textarea',
      label: 'Why was a signature or equivalent not obtained?',
      required: true,
      showWhen: { equals: { field: 'signatureOrEquivalent', value: 'not_obtained' } },
      requiredMessage: 'Enter why a signature or equivalent was not obtained',
    },
  ],
};

/** The voice of the child, in their own words (CQC 4.2; recommendation 1.2). */
export const VOICE_OF_CHILD_SECTION: FormSection = {
  id: 'voice_of_child',
  title: 'Voice of the child',
  fields: [
    {
      id: HEALTH_ASSESSMENT_FIELD_IDS.voiceOfChild,
      type: 'textarea',
      label: 'In my own words',
      hint: "What the child or young person says about their health, their life and what they would like to happen. Write it as they said it ('I …').",
      required: true,
      requiredMessage: 'Enter what the child or young person said, in their own words',
    },
    {
      id: HEALTH_ASSESSMENT_FIELD_IDS.voiceOfChildWrittenBy,
      type: 'radios',
      label: 'Who wrote this?',
      required: true,
      requiredMessage: 'Select who wrote the child’s words',
      options: [
        { value: 'child', label: 'The child or young person' },
        { value: 'practitioner_verbatim', label: 'The practitioner, word for word' },
      ],
    },
  ],
};

/** Who attended (CQC 4.5: no evidence of parents being present). */
export const ATTENDEES_SECTION: FormSection = {
  id: 'attendees',
  title: 'Who attended',
  fields: [
    {
      id: 'attendees',
      type: 'checkboxes',
      label: 'Who came to the assessment with the child or young person?',
      required: true,
      requiredMessage: 'Select who attended, or that the young person came alone',
      options: [
        { value: 'carer', label: 'Carer' },
        { value: 'parent', label: 'Parent' },
        { value: 'social_worker', label: 'Social worker' },
        { value: 'other', label: 'Someone else' },
        { value: 'no_one', label: 'No one – the young person came alone' },
      ],
    },
    {
      id: 'attendeesOther',
      type: 'text',
      label: 'Who else attended?',
      required: true,
      showWhen: { includes: { field: 'attendees', value: 'other' } },
      requiredMessage: 'Enter who else attended',
    },
  ],
};

/** Family and birth history (CQC 4.5; CPPCR Sch 1 para 1(2) "family health history"). */
export const FAMILY_AND_BIRTH_HISTORY_SECTION: FormSection = {
  id: 'family_and_birth_history',
  title: 'Family and birth history',
  fields: [
    {
      id: 'parentsInvited',
      type: 'radios',
      label: "Were the child's parents invited to the assessment?",
      required: true,
      requiredMessage: 'Select whether the parents were invited',
      options: [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
        { value: 'not_appropriate', label: 'Not appropriate' },
      ],
    },
    { id: 'familyHealthHistory', type: 'textarea', label: 'Family health history', required: true, requiredMessage: 'Enter the family health history, or what is not known' },
    { id: 'birthHistory', type: 'textarea', label: 'Pregnancy, birth and newborn history', required: true, requiredMessage: 'Enter the birth history, or what is not known' },
    {
      id: 'familyHistorySources',
      type: 'checkboxes',
      label: 'Where did this history come from?',
      required: false,
      options: [
        { value: 'parent', label: 'A parent' },
        { value: 'health_records', label: 'Health records' },
        { value: 'social_worker', label: 'Social worker' },
        { value: 'not_available', label: 'Not available' },
      ],
    },
  ],
};

/** Health sections per CPPCR 2010 Schedule 1 para 1 (domain-rules.md §1.2 [C]). */
export const HEALTH_SECTIONS: readonly FormSection[] = [
  {
    id: 'physical_health',
    title: 'Physical health',
    fields: [{ id: 'physicalHealth', type: 'textarea', label: 'State of physical health, including any conditions and treatment', required: true, requiredMessage: 'Enter the state of physical health' }],
  },
  {
    id: 'emotional_mental_health',
    title: 'Emotional and mental health',
    fields: [
      { id: 'emotionalHealth', type: 'textarea', label: 'Emotional wellbeing and mental health', required: true, requiredMessage: 'Enter the emotional and mental health assessment' },
      {
        id: 'sdqConsidered',
        type: 'radios',
        label: "Was the carer's Strengths and Difficulties Questionnaire considered?",
        required: true,
        showWhen: SDQ_AGE,
        requiredMessage: 'Select whether the SDQ was considered',
        options: [
          { value: 'yes', label: 'Yes' },
          { value: 'not_returned', label: 'No – not returned' },
        ],
      },
      {
        id: 'camhsInvolvement',
        type: 'radios',
        label: 'Involvement with CAMHS',
        required: true,
        requiredMessage: 'Select the involvement with CAMHS',
        options: [
          { value: 'current', label: 'Currently seen by CAMHS' },
          { value: 'referral_needed', label: 'Referral needed' },
          { value: 'none', label: 'None' },
        ],
      },
    ],
  },
  {
    id: 'development',
    title: 'Development and education',
    fields: [{ id: 'development', type: 'textarea', label: 'Development, learning and the effect of health on development', required: true, requiredMessage: 'Enter the development assessment' }],
  },
  {
    id: 'dental',
    title: 'Dental care',
    fields: [
      { id: 'dentalRegistered', type: 'yesNo', label: 'Is the child registered with a dentist?', required: true, requiredMessage: 'Select yes if the child is registered with a dentist' },
      { id: 'lastDentalCheckOn', type: 'date', label: 'Date of last dental check', required: false, notInFuture: true, showWhen: { equals: { field: 'dentalRegistered', value: 'yes' } } },
    ],
  },
  {
    id: 'immunisations',
    title: 'Immunisations',
    fields: [
      {
        id: 'immunisationsUpToDate',
        type: 'radios',
        label: 'Are immunisations up to date?',
        required: true,
        requiredMessage: 'Select whether immunisations are up to date',
        options: [
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
          { value: 'not_known', label: 'Not known' },
        ],
      },
      {
        id: 'immunisationsPlan',
        type: 'textarea',
        label: 'Which immunisations are outstanding or unknown, and what will be done?',
        required: true,
        showWhen: { any: [{ equals: { field: 'immunisationsUpToDate', value: 'no' } }, { equals: { field: 'immunisationsUpToDate', value: 'not_known' } }] },
        requiredMessage: 'Enter which immunisations are outstanding and the plan',
      },
    ],
  },
  {
    id: 'vision_hearing',
    title: 'Vision and hearing',
    fields: [
      {
        id: 'visionScreening',
        type: 'radios',
        label: 'Vision screening',
        required: true,
        requiredMessage: 'Select the vision screening status',
        options: [
          { value: 'up_to_date_no_concerns', label: 'Up to date, no concerns' },
          { value: 'concern', label: 'Concern identified' },
          { value: 'not_done', label: 'Not done or not known' },
        ],
      },
      {
        id: 'hearingScreening',
        type: 'radios',
        label: 'Hearing screening',
        required: true,
        requiredMessage: 'Select the hearing screening status',
        options: [
          { value: 'up_to_date_no_concerns', label: 'Up to date, no concerns' },
          { value: 'concern', label: 'Concern identified' },
          { value: 'not_done', label: 'Not done or not known' },
        ],
      },
    ],
  },
  {
    id: 'sexual_health',
    title: 'Sexual health and exploitation',
    showWhen: { ageAtLeast: 11 },
    fields: [
      {
        id: HEALTH_ASSESSMENT_FIELD_IDS.sexuallyActive,
        type: 'radios',
        label: 'Is the young person sexually active?',
        required: true,
        requiredMessage: 'Select whether the young person is sexually active',
        options: [
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
          { value: 'declined_to_say', label: 'Declined to say' },
        ],
      },
      { id: HEALTH_ASSESSMENT_FIELD_IDS.cseConsidered, type: 'yesNo', label: 'Was possible child sexual exploitation considered?', required: true, requiredMessage: 'Select yes if child sexual exploitation was considered' },
      {
        id: 'cseOutcome',
        type: 'radios',
        label: 'Outcome of considering child sexual exploitation',
        required: true,
        showWhen: { all: [{ ageAtLeast: 11 }, { equals: { field: HEALTH_ASSESSMENT_FIELD_IDS.cseConsidered, value: 'yes' } }] },
        requiredMessage: 'Select the outcome',
        options: [
          { value: 'no_concerns', label: 'No concerns' },
          { value: 'concerns_shared', label: 'Concerns shared with the social worker' },
          { value: 'referred', label: 'Referred under safeguarding procedures' },
        ],
      },
      {
        id: 'sexualHealthFollowUp',
        type: 'textarea',
        label: 'What follow-up was agreed for the young person’s sexual health and safety?',
        required: true,
        showWhen: { equals: { field: HEALTH_ASSESSMENT_FIELD_IDS.sexuallyActive, value: 'yes' } },
        requiredMessage: 'Enter the follow-up agreed',
      },
    ],
  },
  {
    id: 'health_promotion',
    title: 'Health promotion',
    fields: [{ id: 'healthPromotionAdvice', type: 'textarea', label: 'Advice given on promoting health and personal care', required: false }],
  },
];

/** Contributions requested and tracked: GP (CQC 4.11), CAMHS (rec 3.9), school, carer SDQ. */
export const CONTRIBUTIONS_SECTION: FormSection = {
  id: 'contributions',
  title: 'Contributions',
  fields: [
    { id: 'gpContribution', type: 'radios', label: 'GP contribution', required: true, requiredMessage: 'Select the GP contribution status', options: REQUESTED_STATUS_OPTIONS },
    {
      id: 'camhsContribution',
      type: 'radios',
      label: 'CAMHS progress report',
      required: true,
      requiredMessage: 'Select the CAMHS contribution status',
      options: [...REQUESTED_STATUS_OPTIONS, { value: 'not_known_to_camhs', label: 'Not known to CAMHS' }],
    },
    {
      id: 'schoolContribution',
      type: 'radios',
      label: 'School or nursery contribution',
      required: true,
      requiredMessage: 'Select the school contribution status',
      options: [...REQUESTED_STATUS_OPTIONS, { value: 'not_in_education', label: 'Not in school or nursery' }],
    },
    { id: 'carerSdqContribution', type: 'radios', label: "Carer's SDQ", required: true, showWhen: SDQ_AGE, requiredMessage: "Select the carer's SDQ status", options: REQUESTED_STATUS_OPTIONS },
  ],
};

/** Choice of place and time, including evenings and Saturdays (CQC 4.6). */
export const APPOINTMENT_SECTION: FormSection = {
  id: 'appointment',
  title: 'Place and time',
  fields: [
    {
      id: 'appointmentPlace',
      type: 'radios',
      label: 'Where was the assessment?',
      required: true,
      requiredMessage: 'Select where the assessment took place',
      options: [
        { value: 'home', label: "The child's home or placement" },
        { value: 'school', label: 'School or college' },
        { value: 'clinic', label: 'Clinic' },
        { value: 'gp_practice', label: 'GP practice' },
        { value: 'other', label: 'Somewhere else' },
      ],
    },
    { id: 'appointmentPlaceOther', type: 'text', label: 'Where else?', required: true, showWhen: { equals: { field: 'appointmentPlace', value: 'other' } }, requiredMessage: 'Enter where the assessment took place' },
    {
      id: 'appointmentTime',
      type: 'radios',
      label: 'When was the assessment?',
      required: true,
      requiredMessage: 'Select when the assessment took place',
      options: [
        { value: 'weekday_daytime', label: 'Weekday, daytime' },
        { value: 'weekday_evening', label: 'Weekday evening' },
        { value: 'saturday', label: 'Saturday' },
      ],
    },
    { id: 'youngPersonChosePlaceAndTime', type: 'yesNo', label: 'Did the child or young person choose the place and time?', required: true, requiredMessage: 'Select yes if the young person chose the place and time' },
  ],
};

/** Children placed out of area: the host area's assessment requested and tracked (CQC 4.1, 4.6, 5.2.1). */
export const OUT_OF_AREA_SECTION: FormSection = {
  id: 'out_of_area',
  title: 'Placed out of area',
  fields: [
    { id: HEALTH_ASSESSMENT_FIELD_IDS.placedOutOfArea, type: 'yesNo', label: 'Is the child placed outside the home area?', required: true, requiredMessage: 'Select yes if the child is placed out of area' },
    { id: HEALTH_ASSESSMENT_FIELD_IDS.hostArea, type: 'text', label: 'Host area', required: true, showWhen: { equals: { field: HEALTH_ASSESSMENT_FIELD_IDS.placedOutOfArea, value: 'yes' } }, requiredMessage: 'Enter the host area' },
    {
      id: 'hostAssessmentRequestedOn',
      type: 'date',
      label: "Date the host area's assessment was requested",
      required: true,
      notInFuture: true,
      showWhen: { equals: { field: HEALTH_ASSESSMENT_FIELD_IDS.placedOutOfArea, value: 'yes' } },
      requiredMessage: "Enter the date the host area's assessment was requested",
    },
    {
      id: 'hostAssessmentReceivedOn',
      type: 'date',
      label: "Date the host area's assessment was received",
      required: false,
      notInFuture: true,
      showWhen: { equals: { field: HEALTH_ASSESSMENT_FIELD_IDS.placedOutOfArea, value: 'yes' } },
    },
  ],
};
