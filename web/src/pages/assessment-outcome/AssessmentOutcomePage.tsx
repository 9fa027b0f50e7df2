import { z } from 'zod';
import { endpoints } from '../../api/endpoints.js';
import { ChildFormFrame } from '../../app/ChildFormFrame.js';
import { navigate } from '../../app/router.js';
import { Button, ButtonGroup, ButtonLink, Radios } from '../../components/index.js';
import { submitForm, useForm } from '../../lib/forms.js';
import { AssessmentIntro } from '../lac-shared/AssessmentIntro.js';
import { useAssessment } from '../lac-shared/useAssessment.js';
import { content } from './page.content.js';

const FIELDS = ['status'] as const;
const OUTCOMES = ['declined', 'did_not_attend', 'cancelled'] as const;
/** As the route's body schema (lac-health.routes.ts), with the page's words. */
const outcomeBody = z.object({ status: z.enum(OUTCOMES, { error: content.status.required }) });

export function AssessmentOutcomePage({ childId, assessmentId }: { childId: string; assessmentId: string }) {
  const form = useForm({});
  const lacPath = `/children/${encodeURIComponent(childId)}/lac-health`;
  const assessment = useAssessment(childId, assessmentId);

  const onSubmit = async () => {
    const sent = await submitForm({
      form,
      schema: outcomeBody,
      candidate: { status: form.values.status || undefined },
      fieldOrder: FIELDS,
      send: (data) => endpoints.recordAssessmentOutcome(childId, assessmentId, data),
      failedMessage: content.errors.failed,
    });
    if (sent) navigate(lacPath);
  };

  return (
    <ChildFormFrame childId={childId} title={content.title} heading={content.heading} back={content.back} backHref={lacPath} form={form} intro={<AssessmentIntro state={assessment} />}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void onSubmit();
        }}
      >
        <Radios
          id="status"
          legend={content.status.legend}
          hint={content.status.hint}
          legendSize="m"
          value={form.values.status ?? ''}
          onChange={(v) => form.setValue('status', v)}
          error={form.errors.fields.status}
          items={OUTCOMES.map((o) => ({ value: o, label: content.status.options[o] }))}
        />
        <ButtonGroup>
          <Button disabled={form.submitting}>{content.submit}</Button>
          <ButtonLink href={lacPath} variant="secondary">
            {content.cancel}
          </ButtonLink>
        </ButtonGroup>
      </form>
    </ChildFormFrame>
  );
}
