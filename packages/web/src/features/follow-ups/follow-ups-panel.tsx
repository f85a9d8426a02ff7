import {
  type Case,
  type CaseWorkflow,
  type FollowUpDto,
  type FollowUpRecord,
  RiskLevel,
} from '@opennrm/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/auth';
import { useWorkflow, workflowApi } from '../../api/workflow';
import { RadioGroup } from '../../components/choice-fields';
import { TextAreaField } from '../../components/fields';
import { errorMessage } from '../../components/form-errors';
import { SkeletonRows } from '../../components/loading';
import { Notice } from '../../components/notice';
import { useFormatters } from '../../i18n/format';
import { hasPermission } from '../../lib/permissions';
import { RiskBadge } from '../cases';
import { ChangeFeedbackNotice, DueDate, useStageTitle, useWorkflowChange } from '../workflow';
import './follow-ups.css';

const RISKS = [...RiskLevel.options].reverse();
const HIGH: readonly string[] = ['high', 'urgent'];

/** Records one contact: reached or not, the person's situation, and the risk now. */
function RecordContact({
  caseId,
  workflow,
  followUp,
  onRecorded,
  onCancel,
}: {
  caseId: string;
  workflow: CaseWorkflow;
  followUp: FollowUpDto;
  onRecorded: (before: CaseWorkflow, after: CaseWorkflow, risk: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [reached, setReached] = useState('');
  const [situation, setSituation] = useState('');
  const [risk, setRisk] = useState('');
  const [missing, setMissing] = useState<string[]>([]);
  const change = useWorkflowChange(caseId, (after) => onRecorded(workflow, after, risk));
  const prefix = `follow-up-${followUp.index}`;

  function submit(): void {
    const gaps = [...(reached ? [] : ['reached']), ...(risk ? [] : ['risk'])];
    setMissing(gaps);
    if (gaps.length > 0) return;
    const body: FollowUpRecord = {
      reached: reached === 'yes',
      riskAfter: risk as FollowUpRecord['riskAfter'],
      ...(situation.trim() ? { situation: situation.trim() } : {}),
    };
    change.run((etag) => workflowApi.recordFollowUp(caseId, followUp.index, etag, body));
  }

  return (
    <div className="edit-panel follow-up__form">
      <ChangeFeedbackNotice feedback={change.feedback} caseId={caseId} workflow={workflow} />
      <RadioGroup
        id={`${prefix}-reached`}
        name={`${prefix}-reached`}
        small
        inline
        legend={t('workflow.followUps.reached')}
        value={reached}
        onValueChange={setReached}
        options={[
          { value: 'yes', label: t('workflow.followUps.yes') },
          { value: 'no', label: t('workflow.followUps.no') },
        ]}
        error={missing.includes('reached') ? t('workflow.followUps.reachedRequired') : undefined}
      />
      <TextAreaField
        id={`${prefix}-situation`}
        label={t('workflow.followUps.situation')}
        hint={t('workflow.followUps.situationHint')}
        rows={3}
        value={situation}
        onValueChange={setSituation}
        maxLength={4000}
      />
      <RadioGroup
        id={`${prefix}-risk`}
        name={`${prefix}-risk`}
        small
        legend={t('workflow.followUps.riskAfter')}
        hint={t('workflow.followUps.riskAfterHint')}
        value={risk}
        onValueChange={setRisk}
        options={RISKS.map((level) => ({ value: level, label: t(`riskLevels.${level}`) }))}
        error={missing.includes('risk') ? t('workflow.followUps.riskRequired') : undefined}
      />
      <div className="button-group">
        <button type="button" className="button" onClick={submit} disabled={change.pending}>
          {t('workflow.followUps.save')}
        </button>
        <button type="button" className="button button--link" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

/**
 * The follow-up contacts the SOP scheduled after resolution: when each is due, and what each
 * found. A high or urgent risk reopens the case; the panel says so.
 */
export function FollowUpsPanel({ found }: { found: Case }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const format = useFormatters();
  const query = useWorkflow(found.id);
  const workflow = query.data?.data;
  const stageTitle = useStageTitle();
  const [recording, setRecording] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<{ risk: boolean; reopenedTo: string | null } | null>(null);
  if (query.isPending) return <SkeletonRows rows={3} />;
  if (!workflow) return <Notice tone="error" title={errorMessage(t, query.error)} />;
  const canRecord = hasPermission(me, 'cases.manage');

  return (
    <div className="follow-ups">
      {outcome ? (
        outcome.risk ? (
          <Notice
            tone="error"
            title={
              outcome.reopenedTo
                ? t('workflow.followUps.reopened', { stage: outcome.reopenedTo })
                : t('workflow.followUps.mustReopen')
            }
          >
            <p>
              {outcome.reopenedTo
                ? t('workflow.followUps.reopenedBody')
                : t('workflow.followUps.mustReopenBody')}
            </p>
          </Notice>
        ) : (
          <Notice tone="success" title={t('workflow.followUps.recorded')} />
        )
      ) : null}
      {workflow.followUps.length === 0 ? <p className="muted">{t('workflow.followUps.none')}</p> : null}
      <ol className="follow-up-list">
        {workflow.followUps.map((followUp) => (
          <li
            key={`${followUp.round}-${followUp.index}`}
            className={followUp.done ? 'follow-up follow-up--done' : 'follow-up'}
          >
            <div className="follow-up__head">
              <h3 className="heading-s follow-up__title">
                {t('workflow.followUps.number', { number: followUp.index + 1 })}
              </h3>
              <p className="follow-up__due">
                <span className="follow-up__due-label">{t('tasks.due')}</span>{' '}
                <DueDate iso={followUp.dueAt} overdue={followUp.overdue} done={followUp.done} />
              </p>
            </div>
            {followUp.done ? (
              <dl className="summary-list summary-list--compact">
                <div className="summary-list__row">
                  <dt>{t('workflow.followUps.reached')}</dt>
                  <dd>{followUp.reached ? t('workflow.followUps.yes') : t('workflow.followUps.no')}</dd>
                </div>
                {followUp.situation ? (
                  <div className="summary-list__row">
                    <dt>{t('workflow.followUps.situation')}</dt>
                    <dd className="prewrap" dir="auto">
                      {followUp.situation}
                    </dd>
                  </div>
                ) : null}
                <div className="summary-list__row">
                  <dt>{t('workflow.followUps.riskAfter')}</dt>
                  <dd>{followUp.riskAfter ? <RiskBadge risk={followUp.riskAfter} /> : null}</dd>
                </div>
                {followUp.recordedAt ? (
                  <div className="summary-list__row">
                    <dt>{t('workflow.followUps.recordedLabel')}</dt>
                    <dd>
                      {followUp.recordedBy
                        ? t('tasks.byOn', {
                            name: followUp.recordedBy,
                            date: format.date(followUp.recordedAt),
                          })
                        : format.date(followUp.recordedAt)}
                    </dd>
                  </div>
                ) : null}
              </dl>
            ) : canRecord && recording === followUp.index ? (
              <RecordContact
                caseId={found.id}
                workflow={workflow}
                followUp={followUp}
                onCancel={() => setRecording(null)}
                onRecorded={(before, after, risk) => {
                  setRecording(null);
                  const high = HIGH.includes(risk);
                  const moved = before.stage !== after.stage;
                  setOutcome({ risk: high, reopenedTo: high && moved ? stageTitle(after.stage) : null });
                }}
              />
            ) : canRecord ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  setOutcome(null);
                  setRecording(followUp.index);
                }}
              >
                {t('workflow.followUps.record')}
              </button>
            ) : (
              <p className="muted">{t('workflow.followUps.pending')}</p>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
