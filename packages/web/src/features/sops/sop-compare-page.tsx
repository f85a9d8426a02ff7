import type { SopSummary } from '@opennrm/domain';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useSopVersion } from '../../api/sops';
import { Badge, type BadgeTone } from '../../components/badge';
import { DataTable } from '../../components/data-table';
import { errorMessage } from '../../components/form-errors';
import { PageLoading } from '../../components/loading';
import { Ltr } from '../../components/ltr';
import { Notice } from '../../components/notice';
import { SopFrame } from './sop-frame';
import { diffJson, type JsonChange } from './sop-json';
import { localText, pathText } from './sop-labels';
import { VersionSelect, versionParam } from './sop-page';

const TONES: Record<JsonChange['kind'], BadgeTone> = {
  added: 'green',
  removed: 'red',
  changed: 'orange',
  reordered: 'purple',
};

/** A value as compact JSON, kept left to right (it is code, whatever the page's direction). */
function Value({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === undefined) return <span className="muted">{t('sops.compare.empty')}</span>;
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value, null, 1);
  return (
    <pre className="sop-value" dir="ltr">
      {text}
    </pre>
  );
}

function Changes({ summary, from, to }: { summary: SopSummary; from: number; to: number }) {
  const { t } = useTranslation();
  const before = useSopVersion(summary.id, from);
  const after = useSopVersion(summary.id, to);
  const changes = useMemo(
    () =>
      before.data && after.data
        ? diffJson(before.data, after.data).filter((c) => c.path[0] !== 'version')
        : [],
    [before.data, after.data],
  );
  if (before.isPending || after.isPending) return <PageLoading />;
  const failure = before.error ?? after.error;
  if (failure) return <Notice tone="error" title={errorMessage(t, failure)} />;
  if (changes.length === 0) return <p>{t('sops.compare.noChanges')}</p>;
  const count = t('sops.compare.count', { count: changes.length, from, to });
  return (
    <>
      <p>{count}</p>
      <DataTable caption={count} variant="cards">
        <thead>
          <tr>
            <th scope="col">{t('sops.compare.where')}</th>
            <th scope="col">{t('sops.compare.change')}</th>
            <th scope="col">{t('sops.versionNumber', { version: from })}</th>
            <th scope="col">{t('sops.versionNumber', { version: to })}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => {
            const where = pathText(t, change.path);
            return (
              <tr key={`${change.kind}:${JSON.stringify(change.path)}`}>
                <td data-label={t('sops.compare.where')}>
                  <Ltr code>{where}</Ltr>
                </td>
                <td data-label={t('sops.compare.change')}>
                  <Badge tone={TONES[change.kind]}>{t(`sops.compare.kinds.${change.kind}`)}</Badge>
                </td>
                <td data-label={t('sops.versionNumber', { version: from })}>
                  <Value value={change.before} />
                </td>
                <td data-label={t('sops.versionNumber', { version: to })}>
                  <Value value={change.after} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
    </>
  );
}

function Compare({ summary }: { summary: SopSummary }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  if (summary.versions.length < 2) return <p>{t('sops.compare.onlyOne')}</p>;
  const to = versionParam(summary, params.get('to')) ?? summary.latestVersion;
  const from = versionParam(summary, params.get('from')) ?? Math.max(1, to - 1);
  const choose = (key: 'from' | 'to') => (version: number) =>
    setParams({ from: String(from), to: String(to), [key]: String(version) }, { replace: true });
  return (
    <>
      <h2 className="heading-m">{t('sops.compare.title')}</h2>
      <div className="sop-toolbar">
        <VersionSelect
          id="compare-from"
          label={t('sops.compare.from')}
          sop={summary}
          value={from}
          onChange={choose('from')}
        />
        <VersionSelect
          id="compare-to"
          label={t('sops.compare.to')}
          sop={summary}
          value={to}
          onChange={choose('to')}
        />
      </div>
      {from === to ? (
        <p>{t('sops.compare.sameVersion')}</p>
      ) : (
        <Changes summary={summary} from={from} to={to} />
      )}
    </>
  );
}

export function SopComparePage() {
  const { t, i18n } = useTranslation();
  return (
    <SopFrame
      current="compare"
      title={(sop) => `${t('sops.compare.title')}: ${localText(sop.title, i18n.language)}`}
    >
      {(sop) => <Compare summary={sop} />}
    </SopFrame>
  );
}
