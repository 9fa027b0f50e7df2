import { useState } from 'react';
import { breakGlassBody } from '../../../../src/contracts/break-glass.js';
import { BREAK_GLASS_REASON_CODES, BREAK_GLASS_REASONS } from '../../../../src/domain/access/break-glass.js';
import { breakGlassApi } from '../../api/break-glass.js';
import { ApiError, isInputError } from '../../api/client.js';
import { PageHeading, usePageTitle } from '../../app/page.js';
import { navigate, useSearchParams } from '../../app/router.js';
import { BackLink, Button, ButtonGroup, ButtonLink, ErrorSummary, Radios, TextInput } from '../../components/index.js';
import { buildErrors, errorsFromApi, hasErrors, useForm, validate } from '../../lib/forms.js';
import { content } from './page.content.js';

const STEP_UP_FIELDS = ['password'] as const;
const REASON_FIELDS = ['reasonCode', 'reasonText', 'minutes'] as const;

/** Break-glass for a child known only by NHS number (a search that shows only the user's own scope found nothing). */
export function BreakGlassByNhsNumberPage() {
  return <BreakGlassPage nhsNumber={useSearchParams().get('nhsNumber') ?? ''} />;
}

/**
 * Break-glass (#5): confirm the password (step-up), give a reason from the list and in words, choose how
 * long, then open the record. If the step-up runs out before the request is sent, ask for the password again.
 */
export function BreakGlassPage({ childId, nhsNumber }: { childId?: string; nhsNumber?: string }) {
  const [step, setStep] = useState<'step-up' | 'reason'>('step-up');
  const stepUpForm = useForm({});
  const reasonForm = useForm({ minutes: '60' });
  const form = step === 'step-up' ? stepUpForm : reasonForm;
  usePageTitle(content.title, hasErrors(form.errors));

  const onStepUp = async () => {
    const password = stepUpForm.values.password ?? '';
    if (!password) return stepUpForm.setErrors(buildErrors({ password: content.stepUp.required }, STEP_UP_FIELDS));
    stepUpForm.setSubmitting(true);
    try {
      await breakGlassApi.stepUp(password);
      stepUpForm.clearErrors();
      stepUpForm.setValues({});
      setStep('reason');
    } catch (error) {
      // A lockout ends the session: back to sign-in.
      if (error instanceof ApiError && error.code === 'auth.locked') return navigate('/sign-in');
      stepUpForm.setErrors(isInputError(error) ? errorsFromApi(error, STEP_UP_FIELDS) : buildErrors({}, STEP_UP_FIELDS, [content.errors.stepUpFailed]));
    } finally {
      stepUpForm.setSubmitting(false);
    }
  };

  const onRequest = async () => {
    const candidate = { reasonCode: reasonForm.values.reasonCode ?? '', reasonText: reasonForm.values.reasonText ?? '', minutes: Number(reasonForm.values.minutes ?? '60') };
    const extra: Record<string, string> = reasonForm.values.reasonCode ? {} : { reasonCode: content.reason.reasonCode.required };
    const result = validate(breakGlassBody, candidate, REASON_FIELDS, extra);
    if (!result.ok) return reasonForm.setErrors(result.errors);
    reasonForm.setSubmitting(true);
    try {
      const { grant } = childId ? await breakGlassApi.request(childId, result.data) : await breakGlassApi.requestByNhsNumber(nhsNumber ?? '', result.data);
      navigate(`/children/${encodeURIComponent(grant.childId)}`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'auth.step_up_required') {
        setStep('step-up');
        stepUpForm.setErrors(buildErrors({ password: content.stepUp.stale }, STEP_UP_FIELDS));
      } else if (error instanceof ApiError && error.code === 'auth.no_session') navigate('/sign-in');
      else reasonForm.setErrors(isInputError(error) || (error instanceof ApiError && error.status === 404) ? errorsFromApi(error, REASON_FIELDS) : buildErrors({}, REASON_FIELDS, [content.errors.failed]));
    } finally {
      reasonForm.setSubmitting(false);
    }
  };

  return (
    <>
      <BackLink href="/" text={content.back} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary items={form.errors.items} focusKey={form.attempt} />
          <PageHeading>{content.heading}</PageHeading>
          <p className="nhsuk-body">{content.intro}</p>
          {!childId && nhsNumber ? <p className="nhsuk-body">{content.byNhsNumber(nhsNumber)}</p> : null}
          {step === 'step-up' ? (
            <form
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                void onStepUp();
              }}
            >
              <h2 className="nhsuk-heading-m">{content.stepUp.heading}</h2>
              <p className="nhsuk-body">{content.stepUp.intro}</p>
              <TextInput id="password" type="password" autoComplete="current-password" label={content.stepUp.password.label} value={stepUpForm.values.password ?? ''} onChange={(v) => stepUpForm.setValue('password', v)} error={stepUpForm.errors.fields.password} width={20} />
              <Button disabled={stepUpForm.submitting}>{content.stepUp.submit}</Button>
            </form>
          ) : (
            <form
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                void onRequest();
              }}
            >
              <h2 className="nhsuk-heading-m">{content.reason.heading}</h2>
              <Radios
                id="reasonCode"
                legend={content.reason.reasonCode.legend}
                items={BREAK_GLASS_REASON_CODES.map((code) => ({ value: code, label: BREAK_GLASS_REASONS[code].label }))}
                value={reasonForm.values.reasonCode ?? ''}
                onChange={(v) => reasonForm.setValue('reasonCode', v)}
                error={reasonForm.errors.fields.reasonCode}
              />
              <TextInput id="reasonText" multiline label={content.reason.reasonText.label} hint={content.reason.reasonText.hint} value={reasonForm.values.reasonText ?? ''} onChange={(v) => reasonForm.setValue('reasonText', v)} error={reasonForm.errors.fields.reasonText} />
              <Radios id="minutes" legend={content.reason.minutes.legend} items={content.reason.minutes.options} value={reasonForm.values.minutes ?? '60'} onChange={(v) => reasonForm.setValue('minutes', v)} error={reasonForm.errors.fields.minutes} small />
              <ButtonGroup>
                <Button disabled={reasonForm.submitting}>{content.reason.submit}</Button>
                <ButtonLink href="/" variant="secondary">
                  {content.reason.cancel}
                </ButtonLink>
              </ButtonGroup>
            </form>
          )}
        </div>
      </div>
    </>
  );
}
