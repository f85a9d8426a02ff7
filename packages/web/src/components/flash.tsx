import { useLocation } from 'react-router-dom';
import { Notice } from './notice';

/** A one-off success message handed over by the page that navigated here. */
export function Flash() {
  const location = useLocation();
  const state = location.state as { flash?: unknown } | null;
  if (!state || typeof state.flash !== 'string') return null;
  return <Notice tone="success" title={state.flash} />;
}
