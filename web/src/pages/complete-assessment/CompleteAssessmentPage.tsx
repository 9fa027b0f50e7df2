import { useEffect, useState } from 'react';
import type { ChildSummary } from '../../../../src/contracts/children.js';
import { completeAssessmentBody } from '../../../../src/contracts/lac.js';
import { ageInYears, compareIsoDates } from '../../../../src/domain/calendar/iso-date.js';
import {
  YES_NO_OPTIONS,
  formFields,
  pruneHiddenAnswers,
  validateAnswers,
  visibleFieldIds,
  type AnswerValue,
  type FormContext,
  type FormDefinition,
  type FormField,
} from '../../../../src/domain/forms/form-definition.js';
import { HEALTH_ASSESSMENT_FIELD_IDS } from '../../../../src/domain/forms/definitions/health-assessment-sections.v1.js';
import { voiceOfChildCompleteness } from '../../../../src/domain/forms/voice-of-child.js';
import { isInputError } from '../../api/client.js';
import { endpoints } from '../../api/endpoints.js';
import type { Assessment } from '../../api/lac-schemas.js';
import { useLoad } from '../../api/useLoad.js';
import { ChildFormFrame } from '../../app/ChildFormFrame.js';
import { Loading } from '../../app/page.js';
import { navigate } from '../../app/router.js';
import { Button, ButtonGroup, ButtonLink, Checkboxes, DateInput, InsetText, Radios, TextInput } from '../../components/index.js';
import { VOICE_OF_CHILD_GAP_LABELS, labelFor } from '../../content/labels.content.js';
import { formatDate, todayIso } from '../../lib/format.js';
import { buildErrors, collectDates, datePartsOf, errorsFromApi, parseDateParts, textValue, useForm, type Form, type FormValues } from '../../lib/forms.js';
import { lacContent } from '../lac-shared/lac.content.js';
import { useAssessment } from '../lac-shared/useAssessment.js';
import { content } from './page.content.js';

/** The form each kind of assessment is completed on (as the server's FORM_FOR_KIND); the latest version is used. */
const FORM_FOR_KIND: Record<string, string> = { IHA: 'initial-health-assessment', RHA: 'review-health-assessment' };
const OPEN = new Set(['requested', 'booked']);

/** DOM ids are the server's fieldErrors keys: `answers.<fieldId>`. */
const domId = (fieldId: string) => `answers.${fieldId}`;

export function latestFormFor(forms: readonly FormDefinition[], kind: string): FormDefinition | null {
  const id = FORM_FOR_KIND[kind];
  return forms.filter((f) => f.id === id).reduce<FormDefinition | null>((latest, f) => (latest === null || f.version > latest.version ? f : latest), null);
}

/**
 * The answers as the form definition expects them: strings, checkbox arrays, dates as YYYY-MM-DD. A date
 * typed but not real is passed on as a value `validateAnswers` rejects, with the page's own message.
 */
function collectAnswers(definition: FormDefinition, values: FormValues, checks: Record<string, string[]>): { answers: Record<string, AnswerValue>; dateErrors: Record<string, string> } {
  const answers: Record<string, AnswerValue> = {};
  const dateErrors: Record<string, string> = {};
  for (const { field } of formFields(definition)) {
    const id = domId(field.id);
    if (field.type === 'checkboxes') {
      const list = checks[field.id] ?? [];
      if (list.length > 0) answers[field.id] = list;
    } else if (field.type === 'date') {
      const parsed = parseDateParts(values, id);
      if (parsed.kind === 'date') answers[field.id] = parsed.value;
      else if (parsed.kind !== 'empty') {
        answers[field.id] = 'not-a-date';
        dateErrors[field.id] = content.dateField[parsed.kind];
      }
    } else {
      const value = values[id];
      if (value !== undefined && value.trim() !== '') answers[field.id] = value;
    }
  }
  return { answers, dateErrors };
}

export function CompleteAssessmentPage({ childId, assessmentId }: { childId: string; assessmentId: string }) {
  const form = useForm(datePartsOf('completedOn', todayIso()));
  const [checks, setChecks] = useState<Record<string, string[]>>({});
  const [dateOfBirth, setDateOfBirth] = useState<string | null>(null);
  const assessment = useAssessment(childId, assessmentId);
  const forms = useLoad(() => endpoints.forms(), []);
  const lacPath = `/children/${encodeURIComponent(childId)}/lac-health`;

  const definition = assessment.status === 'ok' && forms.status === 'ok' ? latestFormFor(forms.data.forms, assessment.assessment.kind) : null;
  const existingReason = assessment.status === 'ok' ? assessment.assessment.breachReason : null;
  useEffect(() => {
    if (existingReason) form.setValues((current) => ({ breachReason: existingReason, ...current }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [existingReason]);

  const onChildLoaded = (child: ChildSummary) => setDateOfBirth(child.dateOfBirth);
  const title = definition ? content.title(definition.title) : content.loadingTitle;

  let body;
  if (assessment.status === 'loading' || forms.status === 'loading') body = <Loading />;
  else if (assessment.status !== 'ok') body = <p className="nhsuk-body">{lacContent.assessmentNotFound}</p>;
  else if (forms.status !== 'ok') body = <p className="nhsuk-body">{content.errors.failed}</p>;
  else if (!OPEN.has(assessment.assessment.status)) body = <p className="nhsuk-body">{content.closed}</p>;
  else if (!definition) body = <p className="nhsuk-body">{content.noForm}</p>;
  else
    body = (
      <AssessmentForm
        childId={childId}
        assessment={assessment.assessment}
        definition={definition}
        dateOfBirth={dateOfBirth}
        form={form}
        checks={checks}
        setChecks={setChecks}
        lacPath={lacPath}
      />
    );

  return (
    <ChildFormFrame childId={childId} title={title} heading={definition ? content.heading(definition.title) : content.loadingTitle} back={content.back} backHref={lacPath} form={form} onChildLoaded={onChildLoaded}>
      {body}
    </ChildFormFrame>
  );
}

function AssessmentForm({
  childId,
  assessment,
  definition,
  dateOfBirth,
  form,
  checks,
  setChecks,
  lacPath,
}: {
  childId: string;
  assessment: Assessment;
  definition: FormDefinition;
  dateOfBirth: string | null;
  form: Form;
  checks: Record<string, string[]>;
  setChecks: (update: (current: Record<string, string[]>) => Record<string, string[]>) => void;
  lacPath: string;
}) {
  const { values, setValue, errors } = form;
  const today = todayIso();
  const completedOnParsed = parseDateParts(values, 'completedOn');
  const completedOn = completedOnParsed.kind === 'date' ? completedOnParsed.value : today;
  const context: FormContext = { ageYears: dateOfBirth ? ageInYears({ dateOfBirth, on: completedOn }) : null, today };
  const { answers } = collectAnswers(definition, values, checks);
  // The same functions as the server: what is shown, and what is required, cannot differ.
  const visible = visibleFieldIds({ form: definition, answers, context });
  const late = compareIsoDates(completedOn, assessment.dueOn) > 0;
  const dueText = formatDate(assessment.dueOn);
  const fieldOrder = ['completedOn', 'breachReason', ...formFields(definition).map(({ field }) => domId(field.id))];

  const onSubmit = async () => {
    const { answers: all, dateErrors } = collectAnswers(definition, values, checks);
    const { dates, errors: completedErrors } = collectDates(values, { completedOn: content.completedOn });
    const pageErrors: Record<string, string> = { ...completedErrors };
    if (!dates.completedOn) pageErrors.completedOn = content.completedOn.required;
    const breachReason = textValue(values, 'breachReason');
    if (late && !breachReason) pageErrors.breachReason = content.breachReason.required(dueText);
    const validation = validateAnswers({ form: definition, answers: all, context });
    const fieldMessages: Record<string, readonly string[]> = {};
    for (const [id, messages] of Object.entries(validation.fieldErrors)) fieldMessages[domId(id)] = dateErrors[id] ? [dateErrors[id]] : messages;
    const body = { completedOn: dates.completedOn ?? '', answers: pruneHiddenAnswers({ form: definition, answers: all, context }), breachReason: late ? breachReason : undefined };
    const parsed = completeAssessmentBody.safeParse(body);
    if (!parsed.success) for (const issue of parsed.error.issues) pageErrors[issue.path.map(String).join('.')] ??= issue.message;
    if (Object.keys(pageErrors).length > 0 || !validation.valid) {
      form.setErrors(buildErrors({ ...pageErrors, ...fieldMessages }, fieldOrder));
      return;
    }
    form.setSubmitting(true);
    try {
      await endpoints.completeAssessment(childId, assessment.id, parsed.data);
      navigate(`/children/${encodeURIComponent(childId)}/health-plan?assessmentId=${encodeURIComponent(assessment.id)}&completed=1`);
    } catch (error) {
      form.setErrors(isInputError(error) ? errorsFromApi(error, fieldOrder) : buildErrors({}, fieldOrder, [content.errors.failed]));
    } finally {
      form.setSubmitting(false);
    }
  };

  const renderField = (field: FormField) => {
    const id = domId(field.id);
    const error = errors.fields[id];
    const hint = field.hint;
    switch (field.type) {
      case 'text':
      case 'textarea':
        return (
          <TextInput
            key={field.id}
            id={id}
            label={field.label}
            hint={hint}
            multiline={field.type === 'textarea'}
            labelSize={field.id === HEALTH_ASSESSMENT_FIELD_IDS.voiceOfChild ? 'l' : undefined}
            rows={field.id === HEALTH_ASSESSMENT_FIELD_IDS.voiceOfChild ? 8 : 4}
            value={values[id] ?? ''}
            onChange={(v) => setValue(id, v)}
            error={error}
          />
        );
      case 'radios':
      case 'yesNo': {
        const options = field.type === 'yesNo' ? YES_NO_OPTIONS : field.options;
        return (
          <Radios
            key={field.id}
            id={id}
            legend={field.label}
            hint={hint}
            inline={field.type === 'yesNo'}
            value={values[id] ?? ''}
            onChange={(v) => setValue(id, v)}
            error={error}
            items={options.map((o) => ({ value: o.value, label: o.label }))}
          />
        );
      }
      case 'checkboxes':
        return (
          <Checkboxes
            key={field.id}
            id={id}
            legend={field.label}
            hint={hint}
            values={checks[field.id] ?? []}
            onChange={(next) => setChecks((current) => ({ ...current, [field.id]: next }))}
            error={error}
            items={field.options.map((o) => ({ value: o.value, label: o.label }))}
          />
        );
      case 'date':
        return <DateInput key={field.id} id={id} legend={field.label} hint={hint} values={values} onChange={setValue} error={error} />;
    }
  };

  const voice = voiceOfChildCompleteness(answers);

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <p className="nhsuk-body-s">
        {content.version(definition.id, definition.version, formatDate(definition.effectiveFrom))} {content.source(definition.source)}
      </p>
      <InsetText>
        <p>{content.voiceFirst}</p>
      </InsetText>
      <DateInput id="completedOn" legend={content.completedOn.legend} hint={content.completedOn.hint} legendSize="m" values={values} onChange={setValue} error={errors.fields.completedOn} />
      {late || errors.fields.breachReason ? (
        <TextInput
          id="breachReason"
          label={content.breachReason.label}
          hint={content.breachReason.hint(dueText)}
          multiline
          rows={3}
          value={values.breachReason ?? ''}
          onChange={(v) => setValue('breachReason', v)}
          error={errors.fields.breachReason}
        />
      ) : null}
      {definition.sections.map((section) => {
        const fields = section.fields.filter((f) => visible.has(f.id));
        if (fields.length === 0) return null;
        const isVoice = section.fields.some((f) => f.id === HEALTH_ASSESSMENT_FIELD_IDS.voiceOfChild);
        const headingId = `section-${section.id}`;
        return (
          <section className={isVoice ? 'clasp-voice' : 'clasp-form-section'} aria-labelledby={headingId} key={section.id}>
            <h2 className={isVoice ? 'nhsuk-heading-l' : 'nhsuk-heading-m'} id={headingId}>
              {section.title}
            </h2>
            {fields.map(renderField)}
            {isVoice ? (
              <p className="nhsuk-body-s clasp-voice__meta">
                {content.voice.words(voice.words)}.{' '}
                {voice.complete ? content.voice.complete : content.voice.gaps(voice.gaps.map((g) => labelFor(VOICE_OF_CHILD_GAP_LABELS, g)).join('; '))}
              </p>
            ) : null}
          </section>
        );
      })}
      <ButtonGroup>
        <Button disabled={form.submitting}>{content.submit}</Button>
        <ButtonLink href={lacPath} variant="secondary">
          {content.cancel}
        </ButtonLink>
      </ButtonGroup>
    </form>
  );
}
