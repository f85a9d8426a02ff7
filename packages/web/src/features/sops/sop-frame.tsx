import type { SopSummary } from '@opennrm/domain';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useSession } from '../../api/auth';
import { useSop } from '../../api/sops';
import { BackLink } from '../../components/back-link';
import { Badge } from '../../components/badge';
import { errorMessage } from '../../components/form-errors';
import { PageLoading } from '../../components/loading';
import { Ltr } from '../../components/ltr';
import { Notice } from '../../components/notice';
import { usePageTitle } from '../../components/page-title';
import { hasPermission } from '../../lib/permissions';
import { localText } from './sop-labels';

export type SopTab = 'view' | 'compare' | 'edit';

function Tabs({ sop, current }: { sop: SopSummary; current: SopTab }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const tabs: { tab: SopTab; to: string }[] = [
    { tab: 'view', to: `/sops/${sop.id}` },
    { tab: 'compare', to: `/sops/${sop.id}/compare` },
  ];
  if (hasPermission(me, 'sop.manage')) tabs.push({ tab: 'edit', to: `/sops/${sop.id}/edit` });
  return (
    <nav className="tabs" aria-label={t('sops.tabsLabel')}>
      <ul className="tabs__list">
        {tabs.map(({ tab, to }) => (
          <li key={tab} className="tabs__item">
            <Link className="tabs__link" to={to} aria-current={tab === current ? 'page' : undefined}>
              {t(`sops.tabs.${tab}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The frame of the SOP pages: back link, title in the reader's language (the other one
 * beside it), category, and the tabs. `children` receives the SOP's summary.
 */
export function SopFrame({
  current,
  title,
  hasErrors = false,
  children,
}: {
  current: SopTab;
  /** The page title's first part; the SOP's title when absent. */
  title?: (sop: SopSummary) => string;
  hasErrors?: boolean;
  children: (sop: SopSummary) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const { sopId = '' } = useParams();
  const { sop, isPending, isError, error } = useSop(sopId);
  const heading = sop ? localText(sop.title, i18n.language) : t('sops.title');
  usePageTitle(sop && title ? title(sop) : heading, hasErrors);

  if (isPending) return <PageLoading />;
  if (isError) return <Notice tone="error" title={errorMessage(t, error)} />;
  if (!sop) return <Notice tone="error" title={t('sops.notFound')} />;
  const other = i18n.language === 'ar' ? 'en' : 'ar';
  const otherTitle = sop.title[other];

  return (
    <>
      <BackLink to="/sops" />
      <span className="caption">
        {t('sops.caption')} · <Ltr code>{sop.id}</Ltr>
      </span>
      <h1 className="heading-l">
        {heading}
        {otherTitle ? (
          <span className="heading-secondary">
            <bdi lang={other}>{otherTitle}</bdi>
          </span>
        ) : null}
      </h1>
      <p className="badges">
        <Badge tone="blue">{t(`caseCategories.${sop.category}`)}</Badge>
      </p>
      <Tabs sop={sop} current={current} />
      {children(sop)}
    </>
  );
}
