import { useEffect } from 'react';
import { breachReasonBody } from '../../../../src/contracts/lac.js';
import { isInputError } from '../../api/client.js';
import { endpoints } from '../../api/endpoints.js';
import { ChildFormFrame } from '../../app/ChildFormFrame.js';
import { navigate, useSearchParams } from '../../app/router.js';
import { Button, ButtonGroup, ButtonLink, TextInput } from '../../components/index.js';
import { buildErrors, errorsFromApi, useForm, validate } from '../../lib/forms.js';
import { AssessmentIntro } from '../lac-shared/AssessmentIntro.js';
import { returnPath, useAssessment } from '../lac-shared/useAssessment.js';
import { content } from './page.content.js';

const FIELDS = ['breachReason'] as const;

export function BreachReasonPage({ childId, assessmentId }: { childId: string; assessmentId: string }) {
  const form = useForm({});
  const back = returnPath(useSearchParams(), `/children/${encodeURIComponent(childId)}/lac-health`);
  const assessment = useAssessment(childId, assessmentId);
  const existing = assessment.status === 'ok' ? assessment.assessment.breachReason : null;
  useEffect(() => {
    if (existing) form.setValues((current) => ({ breachReason: existing, ...current }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [existing]);

  const onSubmit = async () => {
    const result = validate(breachReasonBody, { breachReason: form.values.breachReason ?? '' }, FIELDS);
    if (!result.ok) {
      form.setErrors(result.errors);
      return;
    }
    form.setSubmitting(true);
    try {
      await endpoints.recordBreachReason(childId, assessmentId, result.data);
      navigate(back);
    } catch (error) {
      form.setErrors(isInputError(error) ? errorsFromApi(error, FIELDS) : buildErrors({}, FIELDS, [content.errors.failed]));
    } finally {
      form.setSubmitting(false);
    }
  };

  return (
    <ChildFormFrame childId={childId} title={content.title} heading={content.heading} back={content.back} backHref={back} form={form} intro={<AssessmentIntro state={assessment} />}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void onSubmit();
        }}
      >
        <TextInput
          id="breachReason"
          label={content.breachReason.label}
          hint={content.breachReason.hint}
          multiline
          value={form.values.breachReason ?? ''}
          onChange={(v) => form.setValue('breachReason', v)}
          error={form.errors.fields.breachReason}
        />
        <ButtonGroup>
          <Button disabled={form.submitting}>{content.submit}</Button>
          <ButtonLink href={back} variant="secondary">
            {content.cancel}
          </ButtonLink>
        </ButtonGroup>
      </form>
    </ChildFormFrame>
  );
}
