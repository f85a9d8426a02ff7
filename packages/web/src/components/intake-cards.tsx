import type { IntakeKind } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { INTAKE_PATHS } from '../lib/intake-kinds';

/** One card per intake form the user may use: what it is for, and a button to start it. */
export function IntakeCards({ kinds }: { kinds: readonly IntakeKind[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <ul className="cards">
      {kinds.map((kind) => (
        <li className="card card--action" key={kind}>
          <h3 className="card__title">{t(`intake.kinds.${kind}.title`)}</h3>
          <p className="card__text">{t(`intake.kinds.${kind}.description`)}</p>
          <button type="button" className="button" onClick={() => navigate(INTAKE_PATHS[kind])}>
            {t(`intake.kinds.${kind}.start`)}
          </button>
        </li>
      ))}
    </ul>
  );
}
