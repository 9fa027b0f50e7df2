import { oneDecimalRatio } from '../../../../src/domain/lac/oc2.js';
import { isIsoDate } from '../../../../src/domain/calendar/iso-date.js';
import { endpoints, oc2CsvHref } from '../../api/endpoints.js';
import type { Oc2Figures, Oc2Report } from '../../api/lac-schemas.js';
import { useLoad } from '../../api/useLoad.js';
import { LoadFailed, Loading, PageHeading, usePageTitle } from '../../app/page.js';
import { navigate, useSearchParams } from '../../app/router.js';
import { BarChart, Button, InsetText, Select, Table } from '../../components/index.js';
import { formatDate, todayIso } from '../../lib/format.js';
import { useForm } from '../../lib/forms.js';
import { LacNav } from '../lac-shared/LacNav.js';
import { lacContent } from '../lac-shared/lac.content.js';
import { content } from './page.content.js';

/** The latest 31 March on or before today, and the five before it. */
export function recentYearEnds(today: string, count = 6): string[] {
  const year = Number(today.slice(0, 4));
  const latest = today >= `${year}-03-31` ? year : year - 1;
  return Array.from({ length: count }, (_, i) => `${latest - i}-03-31`);
}

function Figures({ report }: { report: Oc2Report }) {
  const england = report.englandAverages;
  const f = content.figures;
  const rows = [
    { key: 'ha', measure: f.healthAssessments, count: f.of(report.healthAssessments.count, report.cohort), local: content.percent(report.healthAssessments.percent), england: england ? content.percent(england.healthAssessmentsPercent) : f.notHeld },
    { key: 'dental', measure: f.dentalChecks, count: f.of(report.dentalChecks.count, report.cohort), local: content.percent(report.dentalChecks.percent), england: england ? content.percent(england.dentalChecksPercent) : f.notHeld },
    { key: 'imms', measure: f.immunisations, count: f.of(report.immunisations.count, report.cohort), local: content.percent(report.immunisations.percent), england: f.notHeld },
    { key: 'dev', measure: f.developmentChecks, count: f.of(report.developmentChecks.count, report.developmentChecks.eligible), local: content.percent(report.developmentChecks.percent), england: f.notHeld },
    {
      key: 'sdq',
      measure: f.sdqReturned,
      count: f.of(report.sdq.returned, report.sdq.eligible),
      local: content.percent(oneDecimalRatio({ numerator: 100 * report.sdq.returned, denominator: report.sdq.eligible })),
      england: f.notHeld,
    },
    { key: 'sdqAvg', measure: f.sdqAverage, count: '', local: report.sdq.averageScore === null ? f.noScore : content.score(report.sdq.averageScore), england: england ? content.score(england.sdqAverageScore) : f.notHeld },
  ];
  return (
    <section className="clasp-section" aria-labelledby="figures-heading">
      <h2 className="nhsuk-heading-m" id="figures-heading">
        {f.heading}
      </h2>
      <Table
        caption={f.caption}
        captionHidden
        firstCellIsHeader
        head={[f.columns.measure, f.columns.count, f.columns.local, f.columns.england]}
        columnClasses={[undefined, 'numeric', 'numeric', 'numeric']}
        rows={rows.map((row) => ({ key: row.key, cells: [row.measure, row.count, row.local, row.england] }))}
      />
      {england ? <p className="nhsuk-body-s">{content.england.source(england.source)}</p> : <InsetText>{content.england.none}</InsetText>}
    </section>
  );
}

function Trend({ report }: { report: Oc2Report }) {
  const t = content.trend;
  const england = report.englandAverages;
  const charts: { key: string; title: string; max: number; value: (f: Oc2Figures) => number | null; format: (v: number) => string; englandValue: number | null }[] = [
    { key: 'ha', title: t.charts.healthAssessments, max: 100, value: (f) => f.healthAssessments.percent, format: content.percent, englandValue: england?.healthAssessmentsPercent ?? null },
    { key: 'dental', title: t.charts.dentalChecks, max: 100, value: (f) => f.dentalChecks.percent, format: content.percent, englandValue: england?.dentalChecksPercent ?? null },
    { key: 'imms', title: t.charts.immunisations, max: 100, value: (f) => f.immunisations.percent, format: content.percent, englandValue: null },
    { key: 'sdq', title: t.charts.sdqAverage, max: 40, value: (f) => f.sdq.averageScore, format: content.score, englandValue: england?.sdqAverageScore ?? null },
  ];
  return (
    <section className="clasp-section" aria-labelledby="trend-heading">
      <h2 className="nhsuk-heading-m" id="trend-heading">
        {t.heading}
      </h2>
      <p className="nhsuk-body">{t.intro}</p>
      <div className="clasp-charts">
        {charts.map((chart) => {
          const bars = report.trend.map((year) => {
            const value = chart.value(year);
            return { key: year.yearEnding, label: content.yearLabel(year.yearEnding), value: value ?? 0, valueLabel: value === null ? content.figures.noScore : chart.format(value), highlight: year.yearEnding === report.yearEnding };
          });
          return (
            <div key={chart.key}>
              <h3 className="nhsuk-heading-s">{chart.title}</h3>
              <BarChart
                id={`trend-${chart.key}`}
                title={chart.title}
                description={t.chartDescription(chart.title, bars.map((bar) => `${bar.label}: ${bar.valueLabel}`).join('; '))}
                bars={bars}
                max={chart.max}
                reference={chart.englandValue === null ? null : { value: chart.englandValue, label: t.englandLine(chart.format(chart.englandValue)) }}
              />
            </div>
          );
        })}
      </div>
      <Table
        caption={t.caption}
        captionSize="s"
        firstCellIsHeader
        head={[t.columns.year, t.columns.cohort, t.columns.healthAssessments, t.columns.dentalChecks, t.columns.immunisations, t.columns.developmentChecks, t.columns.sdqAverage]}
        columnClasses={[undefined, 'numeric', 'numeric', 'numeric', 'numeric', 'numeric', 'numeric']}
        rows={report.trend.map((year) => ({
          key: year.yearEnding,
          cells: [
            formatDate(year.yearEnding),
            String(year.cohort),
            content.percent(year.healthAssessments.percent),
            content.percent(year.dentalChecks.percent),
            content.percent(year.immunisations.percent),
            content.percent(year.developmentChecks.percent),
            year.sdq.averageScore === null ? content.figures.noScore : content.score(year.sdq.averageScore),
          ],
        }))}
      />
    </section>
  );
}

export function Oc2Page() {
  const params = useSearchParams();
  const options = recentYearEnds(todayIso());
  const requested = params.get('yearEnding') ?? '';
  const yearEnding = isIsoDate(requested) ? requested : options[0]!;
  const state = useLoad(() => endpoints.oc2(yearEnding), [yearEnding]);
  const form = useForm({ yearEnding });
  usePageTitle(state.status === 'error' || state.status === 'not-found' ? null : content.title);
  if (state.status === 'error' || state.status === 'not-found' || state.status === 'forbidden') return <LoadFailed />;
  const choices = options.includes(yearEnding) ? options : [yearEnding, ...options];
  return (
    <>
      <PageHeading caption={lacContent.caption}>{content.heading}</PageHeading>
      <LacNav />
      <p className="nhsuk-body">{content.intro}</p>
      <form
        className="clasp-filter"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          navigate(`/lac/oc2?yearEnding=${encodeURIComponent(form.values.yearEnding ?? yearEnding)}`);
        }}
      >
        <Select
          id="yearEnding"
          label={content.year.label}
          options={choices.map((end) => ({ value: end, label: formatDate(end) }))}
          value={form.values.yearEnding ?? yearEnding}
          onChange={(value) => form.setValue('yearEnding', value)}
        />
        <Button variant="secondary">{content.year.submit}</Button>
      </form>
      {state.status === 'loading' ? (
        <Loading />
      ) : (
        <>
          <p className="nhsuk-body">
            {content.period(formatDate(state.data.yearStart), formatDate(state.data.yearEnding))} <strong>{content.cohort(state.data.cohort)}</strong>.
          </p>
          <p className="nhsuk-body">
            <a href={oc2CsvHref(state.data.yearEnding)} download={`oc2-${state.data.yearEnding}.csv`}>
              {content.download(formatDate(state.data.yearEnding))}
            </a>
            <br />
            <span className="nhsuk-body-s">{content.downloadHint}</span>
          </p>
          <Figures report={state.data} />
          <Trend report={state.data} />
        </>
      )}
    </>
  );
}
