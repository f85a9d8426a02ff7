import type { Case } from '@opennrm/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/auth';
import { casesApi } from '../../api/cases';
import { Dialog } from '../../components/dialog';
import { SelectField } from '../../components/fields';
import { ChangeFailed, storeCase } from './case-mutations';
import { useKnownAssignees } from './use-assignees';

interface Props {
  open: boolean;
  onClose: () => void;
  found: Case;
  etag: string | null;
}

/**
 * A supervisor gives the case to a case manager (or takes it). The choice lists the NRM
 * staff already holding cases; the API has no directory of case managers for supervisors.
 */
export function AssignDialog({ open, onClose, found, etag }: Props) {
  const { t } = useTranslation();
  const { me } = useSession();
  const queryClient = useQueryClient();
  const { assignees } = useKnownAssignees(open);
  const [choice, setChoice] = useState(found.assignedTo?.id ?? '');
  const [missing, setMissing] = useState(false);
  const assign = useMutation({
    mutationFn: (assigneeId: string | null) => casesApi.assign(found.id, etag, assigneeId),
    onSuccess: (result) => {
      storeCase(queryClient, result);
      onClose();
    },
  });
  const options = assignees
    .filter((a) => a.id !== me?.id)
    .map((a) => ({ value: a.id, label: a.displayName }));

  return (
    <Dialog open={open} onClose={onClose} title={t('assign.title', { reference: found.reference })}>
      {assign.isError ? <ChangeFailed error={assign.error} caseId={found.id} /> : null}
      <div className="dialog__body">
        <p>{found.stage === 'received' ? t('assign.introReceived') : t('assign.intro')}</p>
        {me && found.assignedTo?.id !== me.id ? (
          <p>
            <button
              type="button"
              className="button"
              onClick={() => assign.mutate(me.id)}
              disabled={assign.isPending}
            >
              {t('assign.toMe')}
            </button>
          </p>
        ) : null}
        <SelectField
          id="assign-to"
          label={t('assign.someoneElse')}
          hint={t('assign.someoneElseHint')}
          value={choice}
          onValueChange={(value) => {
            setChoice(value);
            setMissing(false);
          }}
          error={missing ? t('assign.choose') : undefined}
          placeholderOption={t('assign.choosePerson')}
          options={options}
        />
      </div>
      <div className="button-group">
        <button
          type="button"
          className="button button--secondary"
          disabled={assign.isPending}
          onClick={() => (choice ? assign.mutate(choice) : setMissing(true))}
        >
          {t('assign.submit')}
        </button>
        {found.assignedTo ? (
          <button
            type="button"
            className="button button--link"
            onClick={() => assign.mutate(null)}
            disabled={assign.isPending}
          >
            {t('assign.unassign')}
          </button>
        ) : null}
        <button type="button" className="button button--link" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
