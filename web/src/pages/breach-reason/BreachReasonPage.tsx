import { useEffect } from 'react';
import { breachReasonBody } from '../../../../src/contracts/lac.js';
import { endpoints } from '../../api/endpoints.js';
import { ChildFormFrame } from '../../app/ChildFormFrame.js';
import { navigate, useSearchParams } from '../../app/router.js';
import { Button, ButtonGroup, ButtonLink, TextInput } from '../../components/index.js';
import { submitForm, useForm } from '../../lib/forms.js';
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
    const sent = await submitForm({
      form,
      schema: breachReasonBody,
      candidate: { breachReason: form.values.breachReason ?? '' },
      fieldOrder: FIELDS,
      send: (data) => endpoints.recordBreachReason(childId, assessmentId, data),
      failedMessage: content.errors.failed,
    });
    if (sent) navigate(back);
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
