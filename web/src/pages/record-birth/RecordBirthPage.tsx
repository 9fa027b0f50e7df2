import { birthBody, SEXES } from '../../../../src/contracts/children.js';
import { ApiError, isInputError } from '../../api/client.js';
import { endpoints } from '../../api/endpoints.js';
import { ChildFormFrame } from '../../app/ChildFormFrame.js';
import { navigate } from '../../app/router.js';
import { Button, ButtonGroup, ButtonLink, DateInput, Radios, TextInput } from '../../components/index.js';
import { SEX_LABELS } from '../../content/labels.content.js';
import { buildErrors, collectDates, errorsFromApi, textValue, useForm, validate } from '../../lib/forms.js';
import { content } from './page.content.js';

const FIELDS = ['givenName', 'familyName', 'dateOfBirth', 'sex', 'nhsNumber'] as const;

export function RecordBirthPage({ childId }: { childId: string }) {
  const form = useForm({});
  const { values, setValue, errors } = form;
  const value = (id: string) => values[id] ?? '';
  const childPath = `/children/${encodeURIComponent(childId)}`;

  const onSubmit = async () => {
    const { dates, errors: dateErrors } = collectDates(values, { dateOfBirth: content.dateOfBirth });
    const candidate = {
      givenName: values.givenName ?? '',
      familyName: values.familyName ?? '',
      dateOfBirth: dates.dateOfBirth,
      sex: textValue(values, 'sex'),
      nhsNumber: textValue(values, 'nhsNumber'),
    };
    const result = validate(birthBody, candidate, FIELDS, dateErrors);
    if (!result.ok) {
      form.setErrors(result.errors);
      return;
    }
    form.setSubmitting(true);
    try {
      const body = await endpoints.recordBirth(childId, result.data);
      navigate(`/children/${encodeURIComponent(body.child.id)}`);
    } catch (error) {
      if (isInputError(error)) form.setErrors(errorsFromApi(error, FIELDS));
      else if (error instanceof ApiError && error.status === 404) form.setErrors(buildErrors({}, FIELDS, [error.message]));
      else form.setErrors(buildErrors({}, FIELDS, [content.errors.failed]));
    } finally {
      form.setSubmitting(false);
    }
  };

  return (
    <ChildFormFrame childId={childId} title={content.title} heading={content.heading} back={content.back} form={form}
      intro={<p className="nhsuk-body">{content.intro}</p>}
      onChildLoaded={(child) => form.setValues((current) => ({ familyName: child.familyName, ...current }))}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void onSubmit();
        }}
      >
        <TextInput id="givenName" label={content.givenName} value={value('givenName')} onChange={(v) => setValue('givenName', v)} error={errors.fields.givenName} spellCheck={false} width={20} />
        <TextInput id="familyName" label={content.familyName} value={value('familyName')} onChange={(v) => setValue('familyName', v)} error={errors.fields.familyName} spellCheck={false} width={20} />
        <DateInput id="dateOfBirth" legend={content.dateOfBirth.legend} hint={content.dateOfBirth.hint} values={values} onChange={setValue} error={errors.fields.dateOfBirth} />
        <Radios
          id="sex"
          legend={content.sex.legend}
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
          width={10}
        />
        <ButtonGroup>
          <Button disabled={form.submitting}>{content.submit}</Button>
          <ButtonLink href={childPath} variant="secondary">
            {content.cancel}
          </ButtonLink>
        </ButtonGroup>
      </form>
    </ChildFormFrame>
  );
}
