import { useEffect, useState } from 'react';
import { createChildBody } from '../../../../src/contracts/children.js';
import { ETHNICITY } from '../../../../src/domain/codes/dfe-codes.js';
import { SEXES } from '../../../../src/contracts/children.js';
import { ApiError, isInputError } from '../../api/client.js';
import { endpoints, type Organisation, type PossibleDuplicate } from '../../api/endpoints.js';
import { PageHeading, usePageTitle } from '../../app/page.js';
import { Link, navigate } from '../../app/router.js';
import { BackLink, Button, Checkbox, DateInput, ErrorSummary, Radios, Select, Table, TextInput, WarningCallout } from '../../components/index.js';
import { SEX_LABELS } from '../../content/labels.content.js';
import { formatDate } from '../../lib/format.js';
import { booleanValue, buildErrors, collectDates, errorsFromApi, hasErrors, textValue, useForm, validate, type FormValues } from '../../lib/forms.js';
import { content } from './page.content.js';

/** Field ids in page order (the same keys as the server's fieldErrors). */
const FIELDS = [
  'givenName',
  'familyName',
  'isUnborn',
  'dateOfBirth',
  'expectedDueOn',
  'sex',
  'nhsNumber',
  'laChildId',
  'ethnicity',
  'registeredPracticeId',
  'schoolId',
  'address.line1',
  'address.town',
  'address.postcode',
  'address.validFrom',
  'confirmedNotDuplicate',
] as const;

const ADDRESS_KEYS = ['address.line1', 'address.town', 'address.postcode', 'address.validFrom-day', 'address.validFrom-month', 'address.validFrom-year'];

function buildCandidate(values: FormValues) {
  const isUnborn = values.isUnborn === 'true';
  const { dates, errors } = collectDates(values, {
    ...(isUnborn ? { expectedDueOn: content.expectedDueOn } : { dateOfBirth: content.dateOfBirth }),
    'address.validFrom': content.address.validFrom,
  });
  const anyAddress = ADDRESS_KEYS.some((key) => (values[key] ?? '').trim() !== '');
  const candidate = {
    givenName: values.givenName ?? '',
    familyName: values.familyName ?? '',
    isUnborn,
    dateOfBirth: isUnborn ? undefined : dates.dateOfBirth,
    expectedDueOn: isUnborn ? dates.expectedDueOn : undefined,
    sex: textValue(values, 'sex'),
    nhsNumber: textValue(values, 'nhsNumber'),
    laChildId: textValue(values, 'laChildId'),
    ethnicity: textValue(values, 'ethnicity'),
    registeredPracticeId: textValue(values, 'registeredPracticeId'),
    schoolId: textValue(values, 'schoolId'),
    address: anyAddress
      ? {
          line1: values['address.line1'] ?? '',
          town: textValue(values, 'address.town'),
          postcode: values['address.postcode'] ?? '',
          validFrom: dates['address.validFrom'] ?? '',
        }
      : undefined,
    confirmedNotDuplicate: booleanValue(values, 'confirmedNotDuplicate'),
  };
  return { candidate, dateErrors: errors };
}

function useOrganisations(kind: 'gp_practice' | 'school'): Organisation[] | null {
  const [organisations, setOrganisations] = useState<Organisation[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    endpoints
      .organisations(kind)
      .then((body) => !cancelled && setOrganisations(body.organisations))
      .catch(() => !cancelled && setOrganisations([]));
    return () => {
      cancelled = true;
    };
  }, [kind]);
  return organisations;
}

export function AddChildPage() {
  const form = useForm({ isUnborn: 'false' });
  const [duplicates, setDuplicates] = useState<PossibleDuplicate[]>([]);
  const practices = useOrganisations('gp_practice');
  const schools = useOrganisations('school');
  usePageTitle(content.title, hasErrors(form.errors));
  const { values, setValue, errors } = form;
  const value = (id: string) => values[id] ?? '';

  const onSubmit = async () => {
    const { candidate, dateErrors } = buildCandidate(values);
    const result = validate(createChildBody, candidate, FIELDS, dateErrors);
    if (!result.ok) {
      form.setErrors(result.errors);
      return;
    }
    form.setSubmitting(true);
    try {
      if (!result.data.confirmedNotDuplicate) {
        const check = await endpoints.duplicateCheck(result.data);
        if (check.possibleDuplicates.length > 0) {
          setDuplicates(check.possibleDuplicates);
          form.setErrors(buildErrors({ confirmedNotDuplicate: content.duplicates.mustConfirm }, FIELDS));
          return;
        }
      }
      const created = await endpoints.createChild(result.data);
      navigate(`/children/${encodeURIComponent(created.child.id)}`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'children.possible_duplicates') {
        const check = await endpoints.duplicateCheck(result.data).catch(() => null);
        if (check) setDuplicates(check.possibleDuplicates);
        form.setErrors(buildErrors({ confirmedNotDuplicate: error.message }, FIELDS));
      } else if (error instanceof ApiError && error.code === 'children.nhs_number_taken') {
        form.setErrors(error.fieldErrors.nhsNumber ? errorsFromApi(error, FIELDS) : buildErrors({ nhsNumber: error.message }, FIELDS));
      } else if (isInputError(error)) {
        form.setErrors(errorsFromApi(error, FIELDS));
      } else {
        form.setErrors(buildErrors({}, FIELDS, [content.errors.failed]));
      }
    } finally {
      form.setSubmitting(false);
    }
  };

  return (
    <>
      <BackLink href="/" text={content.back} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary items={errors.items} focusKey={form.attempt} />
          <PageHeading>{content.heading}</PageHeading>
          <p className="nhsuk-body">{content.intro}</p>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void onSubmit();
            }}
          >
            <TextInput id="givenName" label={content.givenName} value={value('givenName')} onChange={(v) => setValue('givenName', v)} error={errors.fields.givenName} spellCheck={false} width={20} />
            <TextInput id="familyName" label={content.familyName} value={value('familyName')} onChange={(v) => setValue('familyName', v)} error={errors.fields.familyName} spellCheck={false} width={20} />
            <Radios
              id="isUnborn"
              legend={content.born.legend}
              value={value('isUnborn')}
              onChange={(v) => setValue('isUnborn', v)}
              error={errors.fields.isUnborn}
              items={[
                {
                  value: 'false',
                  label: content.born.yes,
                  conditional: (
                    <DateInput id="dateOfBirth" legend={content.dateOfBirth.legend} hint={content.dateOfBirth.hint} values={values} onChange={setValue} error={errors.fields.dateOfBirth} />
                  ),
                },
                {
                  value: 'true',
                  label: content.born.no,
                  conditional: (
                    <DateInput id="expectedDueOn" legend={content.expectedDueOn.legend} hint={content.expectedDueOn.hint} values={values} onChange={setValue} error={errors.fields.expectedDueOn} />
                  ),
                },
              ]}
            />
            <Radios
              id="sex"
              legend={content.sex.legend}
              hint={content.sex.hint}
              value={value('sex')}
              onChange={(v) => setValue('sex', v)}
              error={errors.fields.sex}
              items={SEXES.map((sex) => ({ value: sex, label: SEX_LABELS[sex] ?? sex }))}
            />
            <TextInput
              id="nhsNumber"
              label={content.nhsNumber.label}
              hint={content.nhsNumber.hint}
              value={value('nhsNumber')}
              onChange={(v) => setValue('nhsNumber', v)}
              error={errors.fields.nhsNumber}
              inputMode="numeric"
              spellCheck={false}
              width={10}
            />
            <TextInput
              id="laChildId"
              label={content.laChildId.label}
              hint={content.laChildId.hint}
              value={value('laChildId')}
              onChange={(v) => setValue('laChildId', v)}
              error={errors.fields.laChildId}
              spellCheck={false}
              width={10}
            />
            <Select
              id="ethnicity"
              label={content.ethnicity.label}
              emptyOption={content.ethnicity.empty}
              options={ETHNICITY.map((entry) => ({ value: entry.code, label: entry.label }))}
              value={value('ethnicity')}
              onChange={(v) => setValue('ethnicity', v)}
              error={errors.fields.ethnicity}
            />
            <Select
              id="registeredPracticeId"
              label={content.practice.label}
              emptyOption={content.practice.empty}
              options={(practices ?? []).map((org) => ({ value: org.id, label: `${org.name} (${org.code})` }))}
              value={value('registeredPracticeId')}
              onChange={(v) => setValue('registeredPracticeId', v)}
              error={errors.fields.registeredPracticeId}
            />
            <Select
              id="schoolId"
              label={content.school.label}
              emptyOption={content.school.empty}
              options={(schools ?? []).map((org) => ({ value: org.id, label: org.name }))}
              value={value('schoolId')}
              onChange={(v) => setValue('schoolId', v)}
              error={errors.fields.schoolId}
            />
            <div className="nhsuk-form-group">
              <fieldset className="nhsuk-fieldset" aria-describedby="address-hint">
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{content.address.legend}</legend>
                <div className="nhsuk-hint" id="address-hint">
                  {content.address.hint}
                </div>
                <TextInput id="address.line1" label={content.address.line1} value={value('address.line1')} onChange={(v) => setValue('address.line1', v)} error={errors.fields['address.line1']} />
                <TextInput id="address.town" label={content.address.town} value={value('address.town')} onChange={(v) => setValue('address.town', v)} error={errors.fields['address.town']} width={20} />
                <TextInput
                  id="address.postcode"
                  label={content.address.postcode}
                  value={value('address.postcode')}
                  onChange={(v) => setValue('address.postcode', v)}
                  error={errors.fields['address.postcode']}
                  width={10}
                  spellCheck={false}
                />
                <DateInput
                  id="address.validFrom"
                  legend={content.address.validFrom.legend}
                  hint={content.address.validFrom.hint}
                  values={values}
                  onChange={setValue}
                  error={errors.fields['address.validFrom']}
                />
              </fieldset>
            </div>

            {duplicates.length > 0 ? (
              <section aria-labelledby="duplicates-heading">
                <WarningCallout heading={content.duplicates.heading} headingId="duplicates-heading">
                  <p>{content.duplicates.intro}</p>
                  <Table
                    caption={content.duplicates.caption}
                    captionHidden
                    head={[content.duplicates.columns.name, content.duplicates.columns.dateOfBirth, content.duplicates.columns.reasons]}
                    rows={duplicates.map((duplicate, index) => ({
                      key: `${duplicate.childId ?? 'hidden'}-${index}`,
                      cells: [
                        duplicate.inScope && duplicate.childId ? (
                          <Link href={`/children/${encodeURIComponent(duplicate.childId)}`} key="n">
                            {duplicate.displayName}
                          </Link>
                        ) : (
                          <span key="n">
                            {duplicate.displayName}
                            <br />
                            <span className="nhsuk-body-s">{content.duplicates.outOfScope}</span>
                          </span>
                        ),
                        duplicate.dateOfBirth ? formatDate(duplicate.dateOfBirth) : content.duplicates.unborn,
                        duplicate.reasons.join('; '),
                      ],
                    }))}
                  />
                </WarningCallout>
                <Checkbox
                  id="confirmedNotDuplicate"
                  legend={content.duplicates.confirmLegend}
                  label={content.duplicates.confirm}
                  checked={booleanValue(values, 'confirmedNotDuplicate')}
                  onChange={(checked) => setValue('confirmedNotDuplicate', checked ? 'true' : '')}
                  error={errors.fields.confirmedNotDuplicate}
                />
              </section>
            ) : null}

            <Button disabled={form.submitting}>{content.submit}</Button>
          </form>
        </div>
      </div>
    </>
  );
}
