const date = (label: string) => ({
  incomplete: `${label} must include a day, month and year`,
  invalid: `${label} must be a real date`,
});

export const content = {
  title: 'Add a status episode',
  heading: 'Add a status episode',
  back: 'Back to the child’s record',
  kind: { legend: 'Status', hint: 'What children’s social care has decided for this child' },
  kindHints: {
    child_protection: 'Agreed at a child protection conference after a section 47 enquiry',
    looked_after: 'In the care of the local authority (section 20, 31 or 38, or a placement order)',
    care_leaver: 'Entitled to leaving care support',
  } as Record<string, string>,
  cpCategory: { legend: 'Child protection category' },
  legalStatus: { label: 'Legal status', empty: 'Select the legal status' },
  placementType: { label: 'Placement type (optional)', empty: 'Not known' },
  placementProvider: { label: 'Placement provider (optional)', empty: 'Not known' },
  placementInArea: { legend: 'Is the placement in the local authority’s area? (optional)', yes: 'Yes, in area', no: 'No, out of area' },
  extendedTo25: { label: 'Support extended to age 25', hint: 'Care leavers can ask for support until 25' },
  startedOn: { legend: 'Start date', hint: 'For example, 27 3 2024', ...date('Start date') },
  endedOn: { legend: 'End date (optional)', hint: 'Only if the episode has already ended', ...date('End date') },
  source: { label: 'Source', hint: 'Where this information came from, for example “Bedford Borough children’s social care, conference minutes 27 March 2024”' },
  submit: 'Save status episode',
  cancel: 'Cancel',
  errors: { failed: 'Sorry, the status episode could not be saved. Try again later' },
} as const;
