import type { FormEvent } from 'react';
import { withdrawConsentBody } from '../../../../src/contracts/consent.js';
import { childName, useChild } from '../../api/useChild.js';
import { useLoad } from '../../api/useLoad.js';
import { LoadFailed, Loading, PageHeading, usePageTitle } from '../../app/page.js';
import { navigate } from '../../app/router.js';
import { BackLink, Button, DateInput, ErrorSummary, SummaryList, TextInput } from '../../components/index.js';
import { formatDate } from '../../lib/format.js';
import { collectDates, hasErrors, submitForm, useForm } from '../../lib/forms.js';
import { ChildNotFound, ForbiddenPage } from '../not-found/NotFoundPage.js';
import { consentApi } from './consent-api.js';
import { content } from './page.content.js';

const FIELDS = ['reason', 'withdrawnOn'] as const;

/** Withdraw a consent (#5): from now on it allows nothing. */
export function WithdrawConsentPage({ childId, consentId }: { childId: string; consentId: string }) {
  const child = useChild(childId);
  const list = useLoad(() => consentApi.list(childId), [childId]);
  const form = useForm({});
  usePageTitle(content.withdraw.title, hasErrors(form.errors));
  if (child.status === 'loading' || list.status === 'loading') return <Loading />;
  if (child.status === 'not-found' || list.status === 'not-found') return <ChildNotFound />;
  if (list.status === 'forbidden') return <ForbiddenPage />;
  if (child.status === 'error' || list.status === 'error') return <LoadFailed />;
  const consent = list.data.consents.find((c) => c.id === consentId);
  const back = `/children/${encodeURIComponent(childId)}/consents`;
  if (!consent) return <ChildNotFound />;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const { dates, errors } = collectDates(form.values, { withdrawnOn: content.withdraw.withdrawnOn });
    const extra: Record<string, string> = { ...errors };
    if (!(form.values.reason ?? '').trim()) extra.reason = content.withdraw.reason.required;
    const sent = await submitForm({ form, schema: withdrawConsentBody, candidate: { reason: form.values.reason ?? '', withdrawnOn: dates.withdrawnOn }, fieldOrder: FIELDS, extraFieldMessages: extra, send: (body) => consentApi.withdraw(childId, consentId, body), failedMessage: content.withdraw.failed });
    if (sent) navigate(back);
  };

  return (
    <>
      <BackLink href={back} text={content.share.back} />
      <ErrorSummary items={form.errors.items} focusKey={form.attempt} />
      <PageHeading caption={childName(child.child)}>{content.withdraw.heading}</PageHeading>
      <SummaryList
        rows={[
          { key: content.form.purpose.legend, value: consent.purposeLabel },
          { key: content.form.categories.legend, value: consent.categories.map((c) => c.label).join(', ') },
          { key: content.form.givenOn.legend, value: formatDate(consent.givenOn) },
        ]}
      />
      <p className="nhsuk-body">{content.withdraw.intro}</p>
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        <TextInput id="reason" multiline rows={3} label={content.withdraw.reason.label} hint={content.withdraw.reason.hint} value={form.values.reason ?? ''} onChange={(v) => form.setValue('reason', v)} error={form.errors.fields.reason} />
        <DateInput id="withdrawnOn" legend={content.withdraw.withdrawnOn.legend} hint={content.withdraw.withdrawnOn.hint} values={form.values} onChange={form.setValue} error={form.errors.fields.withdrawnOn} />
        <Button disabled={form.submitting}>{content.withdraw.submit}</Button>
      </form>
    </>
  );
}
