import { useEffect } from 'react';
import { signInBody } from '../../../../src/contracts/auth.js';
import { ApiError, isInputError } from '../../api/client.js';
import { endpoints } from '../../api/endpoints.js';
import { PageHeading, usePageTitle } from '../../app/page.js';
import { isInternalPath, navigate, useSearchParams } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { Button, ErrorSummary, InsetText, Table, TextInput } from '../../components/index.js';
import { buildErrors, errorsFromApi, errorsFromZod, hasErrors, useForm } from '../../lib/forms.js';
import { content } from './page.content.js';

const FIELDS = ['username', 'password'] as const;

export function SignInPage() {
  const { meta, signedIn, state } = useSession();
  const params = useSearchParams();
  const form = useForm({ username: '', password: '' });
  usePageTitle(content.title, hasErrors(form.errors));

  const returnTo = params.get('returnTo');
  const destination = isInternalPath(returnTo) && !returnTo.startsWith('/sign-in') ? returnTo : '/';

  const alreadySignedIn = state.status === 'signed-in';
  useEffect(() => {
    if (alreadySignedIn) navigate(destination, { replace: true });
  }, [alreadySignedIn, destination]);

  const onSubmit = async () => {
    const parsed = signInBody.safeParse(form.values);
    if (!parsed.success) {
      form.setErrors(errorsFromZod(parsed.error, FIELDS));
      return;
    }
    form.setSubmitting(true);
    try {
      const body = await endpoints.signIn(parsed.data);
      signedIn(body);
      navigate(destination, { replace: true });
    } catch (error) {
      // Never echo the password back after a failed attempt.
      form.setValue('password', '');
      if (error instanceof ApiError && error.code === 'auth.locked') form.setErrors(buildErrors({}, FIELDS, [content.errors.locked]));
      else if (error instanceof ApiError && error.status === 401) form.setErrors(buildErrors({ username: content.errors.badCredentials }, FIELDS));
      else if (error instanceof ApiError && error.status === 429) form.setErrors(buildErrors({}, FIELDS, [content.errors.tooManyAttempts]));
      else if (isInputError(error)) form.setErrors(errorsFromApi(error, FIELDS));
      else form.setErrors(buildErrors({}, FIELDS, [content.errors.failed]));
    } finally {
      form.setSubmitting(false);
    }
  };

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary items={form.errors.items} focusKey={form.attempt} />
        <PageHeading>{content.heading}</PageHeading>
        <p className="nhsuk-body">{content.intro}</p>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void onSubmit();
          }}
        >
          <TextInput
            id="username"
            label={content.username}
            value={form.values.username ?? ''}
            onChange={(value) => form.setValue('username', value)}
            error={form.errors.fields.username}
            autoComplete="username"
            spellCheck={false}
            width={20}
          />
          <TextInput
            id="password"
            type="password"
            label={content.password}
            value={form.values.password ?? ''}
            onChange={(value) => form.setValue('password', value)}
            error={form.errors.fields.password}
            autoComplete="current-password"
            width={20}
          />
          <Button disabled={form.submitting}>{content.submit}</Button>
        </form>
      </div>
      {meta?.demo ? (
        <div className="nhsuk-grid-column-full">
          <InsetText>
            <h2 className="nhsuk-heading-s">{content.demo.heading}</h2>
            <p>{content.demo.intro}</p>
            {meta.demoPassword ? (
              <p>
                {content.demo.passwordIntro}
                <strong className="clasp-demo-password">{meta.demoPassword}</strong>
              </p>
            ) : null}
            <div className="clasp-demo-accounts">
              <Table
                caption={content.demo.tableCaption}
                captionHidden
                head={[content.demo.columns.username, content.demo.columns.role, content.demo.columns.organisation]}
                rows={meta.demoAccounts.map((account) => ({
                  key: account.username,
                  cells: [<strong key="u">{account.username}</strong>, account.roleLabel, account.organisation],
                }))}
              />
            </div>
          </InsetText>
        </div>
      ) : null}
    </div>
  );
}
