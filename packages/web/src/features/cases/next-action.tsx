import type { Case } from '@opennrm/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../../api/auth';
import { hasPermission } from '../shell/sections';
import { AssignDialog } from './assign-dialog';

/** The next thing to do on the case, in plain sight, and what blocks it. */
export function NextAction({ found, etag }: { found: Case; etag: string | null }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [assigning, setAssigning] = useState(false);
  const canManage = hasPermission(me, 'cases.manage');
  const canAssign = hasPermission(me, 'cases.assign');
  const canScreen = hasPermission(me, 'cases.screen') && found.sections.includes('screening');
  const open = found.stage === 'received' || found.stage === 'screening';

  let title: string;
  let body: string | null = null;
  if (!canManage) {
    title = t('nextAction.readOnlyTitle');
    body = t('nextAction.readOnlyBody');
  } else if (found.duplicateCheck === 'pending' && found.person) {
    title = t('nextAction.duplicateTitle');
    body = t('nextAction.duplicateBody');
  } else if (found.stage === 'received' && !found.assignedTo) {
    title = t('nextAction.assignTitle');
    body = canAssign ? t('nextAction.assignBody') : t('nextAction.assignWaiting');
  } else if (open) {
    title = t('nextAction.screenTitle');
    body = t('nextAction.screenBody');
  } else {
    title = t('nextAction.screenedTitle');
    body = t('nextAction.screenedBody');
  }

  return (
    <section className="next-action" aria-labelledby="next-action-title">
      <p className="next-action__label">{t('nextAction.label')}</p>
      <h2 className="next-action__title" id="next-action-title">
        {title}
      </h2>
      {body ? <p>{body}</p> : null}
      <div className="button-group">
        {canManage && found.duplicateCheck === 'pending' && found.person ? (
          <a className="button" href="#duplicate-check">
            {t('nextAction.duplicateGo')}
          </a>
        ) : null}
        {canAssign ? (
          <button
            type="button"
            className={found.assignedTo ? 'button button--secondary' : 'button'}
            onClick={() => setAssigning(true)}
          >
            {found.assignedTo ? t('nextAction.reassign') : t('nextAction.assign')}
          </button>
        ) : null}
        {canScreen && open ? (
          <Link className="button button--secondary" to={`/intake/walk-in/${found.id}`}>
            {t('nextAction.resume')}
          </Link>
        ) : null}
      </div>
      {assigning ? (
        <AssignDialog open={assigning} onClose={() => setAssigning(false)} found={found} etag={etag} />
      ) : null}
    </section>
  );
}
