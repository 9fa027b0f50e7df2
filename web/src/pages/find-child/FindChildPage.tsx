import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { presentationBody, searchChildrenQuery, type searchResultSchema } from '../../../../src/contracts/children.js';
import { ApiError, isInputError } from '../../api/client.js';
import { endpoints } from '../../api/endpoints.js';
import { Loading, PageHeading, usePageTitle } from '../../app/page.js';
import { Link, navigate, useSearchParams } from '../../app/router.js';
import { can, useUser } from '../../app/session.js';
import { Button, ButtonGroup, DateInput, ErrorSummary, Table, Tag, TextInput, flagColour } from '../../components/index.js';
import { formatDate, formatNhsNumber } from '../../lib/format.js';
import { buildErrors, collectDates, datePartsOf, errorsFromApi, errorsFromZod, hasErrors, textValue, useForm, validate, type FormValues } from '../../lib/forms.js';
import { BreakGlassByNhsNumberOffer, BreakGlassLink } from '../break-glass/BreakGlassParts.js';
import { content } from './page.content.js';

type SearchResult = z.infer<typeof searchResultSchema>;
const SEARCH_FIELDS = ['nhsNumber', 'name', 'dateOfBirth'] as const;
const ATTENDANCE_FIELDS = ['reason'] as const;

function valuesFromUrl(params: URLSearchParams): FormValues {
  return { nhsNumber: params.get('nhsNumber') ?? '', name: params.get('name') ?? '', ...datePartsOf('dateOfBirth', params.get('dateOfBirth')) };
}

export function FindChildPage() {
  const user = useUser();
  const params = useSearchParams();
  const query = { nhsNumber: params.get('nhsNumber') ?? undefined, name: params.get('name') ?? undefined, dateOfBirth: params.get('dateOfBirth') ?? undefined };
  const hasQuery = Boolean(query.nhsNumber || query.name || query.dateOfBirth);

  const search = useForm(valuesFromUrl(params));
  const attendance = useForm({ reason: '' });
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const [attendanceFor, setAttendanceFor] = useState<SearchResult | null>(null);
  const attendanceHeading = useRef<HTMLHeadingElement>(null);

  const errorItems = attendance.errors.items.length ? attendance.errors.items : search.errors.items;
  usePageTitle(content.title, errorItems.length > 0);

  // Run the search in the URL (so Back and a shared link show the same results).
  useEffect(() => {
    if (!hasQuery) return;
    let cancelled = false;
    const parsed = searchChildrenQuery.safeParse(query);
    if (!parsed.success) {
      search.setErrors(errorsFromZod(parsed.error, SEARCH_FIELDS));
      return;
    }
    endpoints
      .searchChildren({ nhsNumber: parsed.data.nhsNumber, name: parsed.data.name, dateOfBirth: parsed.data.dateOfBirth })
      .then((body) => {
        if (!cancelled) setResults(body.results);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        if (isInputError(error)) search.setErrors(errorsFromApi(error, SEARCH_FIELDS));
        else search.setErrors(buildErrors({}, SEARCH_FIELDS, [content.errors.searchFailed]));
        setResults([]);
      });
    return () => {
      cancelled = true;
    };
    // The page remounts on every navigation, so the query is fixed for this instance.
  }, []);

  useEffect(() => {
    if (attendanceFor) attendanceHeading.current?.focus();
  }, [attendanceFor]);

  const onSearch = () => {
    const { dates, errors } = collectDates(search.values, { dateOfBirth: content.dateOfBirth });
    const candidate = { nhsNumber: textValue(search.values, 'nhsNumber'), name: textValue(search.values, 'name'), dateOfBirth: dates.dateOfBirth };
    const result = validate(searchChildrenQuery, candidate, SEARCH_FIELDS, errors);
    if (!result.ok) {
      search.setErrors(result.errors);
      return;
    }
    const next = new URLSearchParams();
    if (candidate.nhsNumber) next.set('nhsNumber', candidate.nhsNumber);
    if (candidate.name) next.set('name', candidate.name);
    if (candidate.dateOfBirth) next.set('dateOfBirth', candidate.dateOfBirth);
    navigate(`/?${next.toString()}`);
  };

  const onRecordAttendance = async () => {
    if (!attendanceFor) return;
    const parsed = presentationBody.safeParse({ reason: attendance.values.reason ?? '' });
    if (!parsed.success) {
      attendance.setErrors(errorsFromZod(parsed.error, ATTENDANCE_FIELDS));
      return;
    }
    attendance.setSubmitting(true);
    try {
      await endpoints.recordPresentation(attendanceFor.id, parsed.data);
      navigate(`/children/${encodeURIComponent(attendanceFor.id)}`);
    } catch (error) {
      if (isInputError(error)) attendance.setErrors(errorsFromApi(error, ATTENDANCE_FIELDS));
      else if (error instanceof ApiError && error.status === 404) attendance.setErrors(buildErrors({}, ATTENDANCE_FIELDS, [content.attendance.notFound]));
      else attendance.setErrors(buildErrors({}, ATTENDANCE_FIELDS, [content.errors.attendanceFailed]));
    } finally {
      attendance.setSubmitting(false);
    }
  };

  const mayRecordAttendance = can(user, 'presentation', 'create');
  const mayBreakGlass = can(user, 'break_glass', 'create'); // #5: emergency access to a child outside scope
  const fullName = (result: SearchResult) => `${result.givenName} ${result.familyName}`;

  return (
    <>
      <ErrorSummary items={errorItems} focusKey={search.attempt + attendance.attempt} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <PageHeading>{content.heading}</PageHeading>
          <p className="nhsuk-body">{content.intro}</p>
          <form
            role="search"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              onSearch();
            }}
          >
            <TextInput
              id="nhsNumber"
              label={content.nhsNumber.label}
              hint={content.nhsNumber.hint}
              value={search.values.nhsNumber ?? ''}
              onChange={(value) => search.setValue('nhsNumber', value)}
              error={search.errors.fields.nhsNumber}
              inputMode="numeric"
              spellCheck={false}
              width={10}
            />
            <TextInput
              id="name"
              label={content.name.label}
              hint={content.name.hint}
              value={search.values.name ?? ''}
              onChange={(value) => search.setValue('name', value)}
              error={search.errors.fields.name}
              spellCheck={false}
              width={20}
            />
            <DateInput
              id="dateOfBirth"
              legend={content.dateOfBirth.legend}
              hint={content.dateOfBirth.hint}
              values={search.values}
              onChange={search.setValue}
              error={search.errors.fields.dateOfBirth}
            />
            <Button>{content.submit}</Button>
          </form>
        </div>
      </div>

      {hasQuery && !hasErrors(search.errors) ? (
        results === null ? (
          <Loading />
        ) : results.length === 0 ? (
          <section aria-labelledby="no-results-heading">
            <h2 className="nhsuk-heading-m" id="no-results-heading">
              {content.noResults.heading}
            </h2>
            <p className="nhsuk-body">{content.noResults.body}</p>
            {mayBreakGlass && query.nhsNumber ? <BreakGlassByNhsNumberOffer nhsNumber={query.nhsNumber} /> : null}
          </section>
        ) : (
          <section aria-labelledby="results-heading">
            <h2 className="nhsuk-heading-m" id="results-heading">
              {content.results.heading}
            </h2>
            <p className="nhsuk-body" role="status">
              {content.results.count(results.length)}
            </p>
            <Table
              caption={content.results.heading}
              captionHidden
              head={[
                content.results.columns.name,
                content.results.columns.nhsNumber,
                content.results.columns.dateOfBirth,
                content.results.columns.postcode,
                content.results.columns.flags,
                content.results.columns.action,
              ]}
              rows={results.map((result) => ({
                key: result.id,
                cells: [
                  result.inScope ? (
                    <Link href={`/children/${encodeURIComponent(result.id)}`} key="name">
                      {fullName(result)}
                    </Link>
                  ) : (
                    fullName(result)
                  ),
                  result.nhsNumberFormatted ?? (result.nhsNumber ? formatNhsNumber(result.nhsNumber) : content.results.noNhsNumber),
                  result.isUnborn ? content.results.unborn : formatDate(result.dateOfBirth),
                  result.postcode ?? '',
                  !result.inScope ? (
                    <span key="flags">{content.results.notAvailable}</span>
                  ) : result.flags.length === 0 ? (
                    content.results.noFlags
                  ) : (
                    <ul className="clasp-tag-list" key="flags">
                      {result.flags.map((flag) => (
                        <li key={flag.code}>
                          <Tag colour={flagColour(flag)}>{flag.label}</Tag>
                        </li>
                      ))}
                    </ul>
                  ),
                  result.inScope ? (
                    ''
                  ) : mayRecordAttendance ? (
                    <span key="attend">
                    <Button
                      key="attend"
                      type="button"
                      variant="secondary"
                      small
                      className="nhsuk-u-margin-bottom-0"
                      onClick={() => {
                        attendance.clearErrors();
                        setAttendanceFor(result);
                      }}
                    >
                      {content.results.recordAttendance}
                      <span className="nhsuk-u-visually-hidden"> {content.results.recordAttendanceFor(fullName(result))}</span>
                    </Button>
                    {mayBreakGlass ? <BreakGlassLink childId={result.id} name={fullName(result)} asButton /> : null}
                    </span>
                  ) : mayBreakGlass ? (
                    <BreakGlassLink key="break-glass" childId={result.id} name={fullName(result)} asButton />
                  ) : (
                    content.results.noAccess
                  ),
                ],
              }))}
            />
          </section>
        )
      ) : null}

      {attendanceFor ? (
        <section className="clasp-inline-form" aria-labelledby="attendance-heading">
          <h2 className="nhsuk-heading-m" id="attendance-heading" tabIndex={-1} ref={attendanceHeading}>
            {content.attendance.heading(fullName(attendanceFor))}
          </h2>
          <p className="nhsuk-body">{content.attendance.intro}</p>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void onRecordAttendance();
            }}
          >
            <TextInput
              id="reason"
              label={content.attendance.reason.label}
              hint={content.attendance.reason.hint}
              value={attendance.values.reason ?? ''}
              onChange={(value) => attendance.setValue('reason', value)}
              error={attendance.errors.fields.reason}
              width={30}
            />
            <ButtonGroup>
              <Button disabled={attendance.submitting}>{content.attendance.submit}</Button>
              <Button
                type="button"
                variant="secondary"
                onClick={() => {
                  attendance.clearErrors();
                  setAttendanceFor(null);
                }}
              >
                {content.attendance.cancel}
              </Button>
            </ButtonGroup>
          </form>
        </section>
      ) : null}
    </>
  );
}
