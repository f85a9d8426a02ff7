import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCaseCount } from '../../api/cases';
import { useFormatters } from '../../i18n/format';

const VIEWS = ['intake', 'unassigned', 'mine'] as const;

function CountCard({ view }: { view: (typeof VIEWS)[number] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const count = useCaseCount({ view });
  const value = count.data;
  return (
    <li className="card card--count">
      <p className="card__count" aria-hidden={count.isPending ? true : undefined}>
        {count.isPending ? '…' : value === null || value === undefined ? '–' : format.number(value)}
      </p>
      <h3 className="card__title">
        <Link className="card__link" to={`/cases?view=${view}`}>
          {t(`home.work.${view}.title`)}
        </Link>
      </h3>
      <p className="card__text">
        {count.isPending
          ? t('common.loading')
          : value === null || value === undefined
            ? t(`home.work.${view}.unknown`)
            : t(`home.work.${view}.text`, { count: value })}
      </p>
    </li>
  );
}

/** "What do I need to do now?": the NRM's intake queue, cases nobody holds yet, and my cases. */
export function WorkSummary() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="work-title" className="home-section">
      <h2 className="heading-m" id="work-title">
        {t('home.work.title')}
      </h2>
      <ul className="cards">
        {VIEWS.map((view) => (
          <CountCard key={view} view={view} />
        ))}
      </ul>
    </section>
  );
}
