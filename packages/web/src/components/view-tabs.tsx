import { Link, useLocation } from 'react-router-dom';

interface Props<V extends string> {
  views: readonly V[];
  current: V;
  /** The tabs' accessible name. */
  label: string;
  /** Each view's tab text. */
  text: (view: V) => string;
}

/** A list's views as tabs, each a link that sets `?view=`, so a view can be bookmarked. */
export function ViewTabs<V extends string>({ views, current, label, text }: Props<V>) {
  const location = useLocation();
  const hrefFor = (view: V) => {
    const params = new URLSearchParams(location.search);
    params.set('view', view);
    return `?${params.toString()}`;
  };
  return (
    <nav className="tabs" aria-label={label}>
      <ul className="tabs__list">
        {views.map((view) => (
          <li key={view} className="tabs__item">
            <Link
              className="tabs__link"
              to={{ search: hrefFor(view) }}
              aria-current={view === current ? 'page' : undefined}
            >
              {text(view)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
