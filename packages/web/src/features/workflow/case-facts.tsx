import { type CaseWorkflow, ProcedureKind, ResolutionKind } from '@opennrm/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';
import { SelectField } from '../../components/fields';
import { ChangeFeedbackNotice } from './change-feedback';
import { useWorkflowChange } from './use-workflow-change';
import { flagLabel, KNOWN_FLAGS } from './workflow-labels';

/**
 * The facts the SOP's conditions read: legal procedures (opened, concluded), the resolution,
 * and fact flags. Compact: each is a line and a control.
 */
export function CaseFacts({ caseId, workflow }: { caseId: string; workflow: CaseWorkflow }) {
  const { t } = useTranslation();
  const change = useWorkflowChange(caseId);
  const [kind, setKind] = useState('');
  const [resolution, setResolution] = useState('');
  const open = workflow.stage !== 'closed';
  const flags = [
    ...KNOWN_FLAGS,
    ...workflow.flags.filter((f) => !(KNOWN_FLAGS as readonly string[]).includes(f)),
  ];
  const resolutionStage = workflow.stages.some((s) => s.id === 'resolution');
  const canResolve = open && !workflow.resolution && (!resolutionStage || workflow.stage === 'resolution');

  return (
    <section className="wf-card" aria-labelledby="wf-facts-title">
      <h3 className="heading-s wf-card__title" id="wf-facts-title">
        {t('workflow.facts.title')}
      </h3>
      <ChangeFeedbackNotice feedback={change.feedback} caseId={caseId} workflow={workflow} />
      <div className="wf-facts">
        <div className="wf-facts__part">
          <h4 className="wf-facts__title">{t('workflow.facts.procedures')}</h4>
          {workflow.procedures.length === 0 ? (
            <p className="muted">{t('workflow.facts.noProcedures')}</p>
          ) : (
            <ul className="plain-list wf-facts__list">
              {workflow.procedures.map((procedure) => (
                <li key={procedure.id} className="wf-facts__item">
                  <span>{t(`workflow.procedureKinds.${procedure.kind}`)}</span>{' '}
                  <Badge tone={procedure.open ? 'blue' : 'grey'}>
                    {procedure.open
                      ? t('workflow.facts.procedureOpen')
                      : t('workflow.facts.procedureConcluded')}
                  </Badge>
                  {procedure.open && open ? (
                    <button
                      type="button"
                      className="button button--link"
                      disabled={change.pending}
                      onClick={() => change.act({ type: 'conclude_procedure', procedureId: procedure.id })}
                    >
                      {t('workflow.facts.conclude', { kind: t(`workflow.procedureKinds.${procedure.kind}`) })}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {open ? (
            <div className="wf-inline">
              <SelectField
                id="wf-procedure-kind"
                label={t('workflow.facts.openProcedure')}
                value={kind}
                onValueChange={setKind}
                placeholderOption={t('workflow.facts.chooseKind')}
                options={ProcedureKind.options.map((k) => ({
                  value: k,
                  label: t(`workflow.procedureKinds.${k}`),
                }))}
              />
              <button
                type="button"
                className="button button--secondary"
                disabled={!kind || change.pending}
                onClick={() => {
                  const parsed = ProcedureKind.safeParse(kind);
                  if (parsed.success) change.act({ type: 'open_procedure', kind: parsed.data });
                  setKind('');
                }}
              >
                {t('workflow.facts.open')}
              </button>
            </div>
          ) : null}
        </div>
        <div className="wf-facts__part">
          <h4 className="wf-facts__title">{t('workflow.facts.resolution')}</h4>
          {workflow.resolution ? (
            <p>{t(`workflow.resolutions.${workflow.resolution}`)}</p>
          ) : (
            <p className="muted">
              {canResolve ? t('workflow.facts.noResolution') : t('workflow.facts.resolutionLater')}
            </p>
          )}
          {canResolve ? (
            <div className="wf-inline">
              <SelectField
                id="wf-resolution"
                label={t('workflow.facts.recordResolution')}
                value={resolution}
                onValueChange={setResolution}
                placeholderOption={t('workflow.facts.chooseResolution')}
                options={ResolutionKind.options.map((k) => ({
                  value: k,
                  label: t(`workflow.resolutions.${k}`),
                }))}
              />
              <button
                type="button"
                className="button button--secondary"
                disabled={!resolution || change.pending}
                onClick={() => {
                  const parsed = ResolutionKind.safeParse(resolution);
                  if (parsed.success) change.act({ type: 'record_resolution', resolution: parsed.data });
                }}
              >
                {t('workflow.facts.record')}
              </button>
            </div>
          ) : null}
        </div>
        <div className="wf-facts__part">
          <fieldset className="fieldset wf-flags">
            <legend className="wf-facts__title">{t('workflow.facts.flags')}</legend>
            <p className="hint">{t('workflow.facts.flagsHint')}</p>
            {flags.map((flag) => {
              const on = workflow.flags.includes(flag);
              return (
                <div className="checkbox" key={flag}>
                  <input
                    type="checkbox"
                    id={`wf-flag-${flag}`}
                    className="checkbox__input"
                    checked={on}
                    disabled={!open || change.pending}
                    onChange={(event) => change.act({ type: 'set_flag', flag, on: event.target.checked })}
                  />
                  <label className="checkbox__label" htmlFor={`wf-flag-${flag}`}>
                    {flagLabel(t, flag)}
                  </label>
                </div>
              );
            })}
          </fieldset>
        </div>
      </div>
    </section>
  );
}
