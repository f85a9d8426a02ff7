import type { SopDocument, SopSummary } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useSopVersion } from '../../api/sops';
import { DateTime } from '../../components/date-time';
import { SelectField } from '../../components/fields';
import { Flash } from '../../components/flash';
import { errorMessage } from '../../components/form-errors';
import { PageLoading } from '../../components/loading';
import { Ltr } from '../../components/ltr';
import { Notice } from '../../components/notice';
import { useFormatters } from '../../i18n/format';
import { SopDocumentView } from './sop-document-view';
import { SopFrame } from './sop-frame';
import { localText, subtypeList } from './sop-labels';

/** A search parameter read as a version of this SOP; undefined when it is not one. */
export function versionParam(sop: SopSummary, value: string | null): number | undefined {
  const version = Number(value);
  return sop.versions.some((v) => v.version === version) ? version : undefined;
}

/** A select of the SOP's versions, newest first, each with its publication date. */
export function VersionSelect({
  id,
  label,
  sop,
  value,
  onChange,
}: {
  id: string;
  label: string;
  sop: SopSummary;
  value: number;
  onChange: (version: number) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const options = sop.versions
    .slice()
    .reverse()
    .map((v) => ({
      value: String(v.version),
      label: t(v.version === sop.latestVersion ? 'sops.versionOptionLatest' : 'sops.versionOption', {
        version: v.version,
        date: format.date(v.publishedAt),
      }),
    }));
  return (
    <SelectField
      id={id}
      label={label}
      value={String(value)}
      onValueChange={(next) => onChange(Number(next))}
      options={options}
    />
  );
}

function Facts({ sop, summary }: { sop: SopDocument; summary: SopSummary }) {
  const { t, i18n } = useTranslation();
  const info = summary.versions.find((v) => v.version === sop.version);
  const applies = sop.appliesWhen;
  const appliesTo = [
    applies?.minor === true ? t('sops.facts.appliesChildren') : '',
    applies?.minor === false ? t('sops.facts.appliesAdults') : '',
    applies?.subtypes ? t('sops.facts.appliesSubtypes', { list: subtypeList(t, applies.subtypes) }) : '',
  ].filter(Boolean);
  return (
    <dl className="summary-list summary-list--compact">
      <div className="summary-list__row">
        <dt>{t('sops.facts.appliesTo')}</dt>
        <dd>
          {t(`caseCategories.${sop.category}`)}
          {' – '}
          {appliesTo.length > 0 ? appliesTo.join(t('sops.listSeparator')) : t('sops.facts.appliesAll')}
        </dd>
      </div>
      {info ? (
        <div className="summary-list__row">
          <dt>{t('sops.facts.published')}</dt>
          <dd>
            <DateTime iso={info.publishedAt} />{' '}
            {info.publishedBy ? t('sops.publishedBy', { user: info.publishedBy }) : t('sops.shipped')}
          </dd>
        </div>
      ) : null}
      <div className="summary-list__row">
        <dt>{t('sops.facts.cases')}</dt>
        <dd>
          <Ltr>{summary.casesByVersion[String(sop.version)] ?? 0}</Ltr>
        </dd>
      </div>
      {sop.description ? (
        <div className="summary-list__row">
          <dt>{t('sops.facts.description')}</dt>
          <dd>{localText(sop.description, i18n.language)}</dd>
        </div>
      ) : null}
    </dl>
  );
}

function VersionView({ summary }: { summary: SopSummary }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const version = versionParam(summary, params.get('version')) ?? summary.latestVersion;
  const document = useSopVersion(summary.id, version);

  return (
    <>
      <Flash />
      <div className="sop-toolbar">
        <VersionSelect
          id="sop-version"
          label={t('sops.versionPicker')}
          sop={summary}
          value={version}
          onChange={(next) =>
            setParams(next === summary.latestVersion ? {} : { version: String(next) }, { replace: true })
          }
        />
      </div>
      {version !== summary.latestVersion ? (
        <Notice tone="info" title={t('sops.olderVersion', { latest: summary.latestVersion })} />
      ) : null}
      {document.isPending ? (
        <PageLoading />
      ) : document.isError ? (
        <Notice tone="error" title={errorMessage(t, document.error)} />
      ) : (
        <>
          <Facts sop={document.data} summary={summary} />
          <SopDocumentView sop={document.data} />
        </>
      )}
    </>
  );
}

export function SopPage() {
  return <SopFrame current="view">{(sop) => <VersionView summary={sop} />}</SopFrame>;
}
