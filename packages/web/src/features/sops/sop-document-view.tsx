import type { SopDocument, SopReferral, SopStage, SopTask } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';
import { Ltr } from '../../components/ltr';
import {
  conditionText,
  consentPurposeText,
  deadlineText,
  durationText,
  followUpText,
  localText,
  ownerText,
  referralName,
} from './sop-labels';

function Rules({ items }: { items: string[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="sop-rules">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

function TaskItem({ task, sop }: { task: SopTask; sop: SopDocument }) {
  const { t, i18n } = useTranslation();
  const rules: string[] = [];
  if (task.mandatoryWhen)
    rules.push(t('sops.task.mandatoryWhen', { condition: conditionText(t, task.mandatoryWhen) }));
  if (task.mandatoryUnless)
    rules.push(
      t('sops.task.mandatoryUnless', { purpose: consentPurposeText(t, task.mandatoryUnless.consentRefused) }),
    );
  if (task.createWhen)
    rules.push(t('sops.task.createWhen', { condition: conditionText(t, task.createWhen) }));
  if (task.cancellable) rules.push(t('sops.task.cancellable'));
  return (
    <li className="sop-item">
      <div className="sop-item__head">
        <h5 className="sop-item__title">{localText(task.title, i18n.language)}</h5>
        {task.mandatory ? (
          <Badge tone="red">{t('sops.task.mandatory')}</Badge>
        ) : task.mandatoryWhen ? (
          <Badge tone="orange">{t('sops.task.conditional')}</Badge>
        ) : (
          <Badge tone="grey">{t('sops.task.optional')}</Badge>
        )}
      </div>
      <dl className="sop-facts">
        <div>
          <dt>{t('sops.task.owner')}</dt>
          <dd>{ownerText(t, task.owner)}</dd>
        </div>
        <div>
          <dt>{t('sops.task.deadline')}</dt>
          <dd>
            {task.deadline ? deadlineText(t, task.deadline, sop, i18n.language) : t('sops.task.noDeadline')}
          </dd>
        </div>
        {task.evidence ? (
          <div>
            <dt>{t('sops.task.evidence')}</dt>
            <dd>{localText(task.evidence, i18n.language)}</dd>
          </div>
        ) : null}
      </dl>
      <Rules items={rules} />
      <p className="sop-item__id">
        <Ltr code>{task.id}</Ltr>
      </p>
    </li>
  );
}

function ReferralItem({ referral }: { referral: SopReferral }) {
  const { t, i18n } = useTranslation();
  const rules: string[] = [];
  if (referral.requiredWhen)
    rules.push(t('sops.referral.requiredWhen', { condition: conditionText(t, referral.requiredWhen) }));
  if (referral.requiredUnless)
    rules.push(
      t('sops.referral.requiredUnless', {
        purpose: consentPurposeText(t, referral.requiredUnless.consentRefused),
      }),
    );
  const timing: string[] = [];
  if (referral.acknowledgeWithin)
    timing.push(
      t('sops.referral.acknowledgeWithin', { duration: durationText(t, referral.acknowledgeWithin) }),
    );
  if (referral.completeWithin)
    timing.push(t('sops.referral.completeWithin', { duration: durationText(t, referral.completeWithin) }));
  return (
    <li className="sop-item">
      <div className="sop-item__head">
        <h5 className="sop-item__title">{referralName(t, referral, i18n.language)}</h5>
        {referral.required ? (
          <Badge tone="red">{t('sops.referral.required')}</Badge>
        ) : referral.requiredWhen ? (
          <Badge tone="orange">{t('sops.referral.conditional')}</Badge>
        ) : (
          <Badge tone="grey">{t('sops.referral.optional')}</Badge>
        )}
      </div>
      <dl className="sop-facts">
        <div>
          <dt>{t('sops.referral.to')}</dt>
          <dd>{t(`organisationKinds.${referral.organisationKind}`)}</dd>
        </div>
        <div>
          <dt>{t('sops.referral.purpose')}</dt>
          <dd>{t(`referrals.purposes.${referral.purpose}`)}</dd>
        </div>
        {timing.length > 0 ? (
          <div>
            <dt>{t('sops.referral.timing')}</dt>
            <dd>
              <ul className="plain-list">
                {timing.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
      </dl>
      <Rules items={rules} />
      <p className="sop-item__id">
        <Ltr code>{referral.id}</Ltr>
      </p>
    </li>
  );
}

function StageSection({ stage, index, sop }: { stage: SopStage; index: number; sop: SopDocument }) {
  const { t, i18n } = useTranslation();
  const headingId = `sop-stage-${stage.id}`;
  const rules: string[] = [];
  if (stage.enterWhen)
    rules.push(t('sops.stage.enterWhen', { condition: conditionText(t, stage.enterWhen) }));
  if (stage.leaveWhen)
    rules.push(t('sops.stage.leaveWhen', { condition: conditionText(t, stage.leaveWhen) }));
  if (stage.canSkip) {
    rules.push(
      stage.skipWhen
        ? t('sops.stage.skipWhen', { condition: conditionText(t, stage.skipWhen) })
        : t('sops.stage.canSkip'),
    );
  }
  return (
    <li className="sop-stage">
      <section aria-labelledby={headingId}>
        <h3 className="heading-m sop-stage__title" id={headingId}>
          <span className="sop-stage__number">{t('sops.stageNumber', { n: index + 1 })}</span>
          {localText(stage.title, i18n.language)}
        </h3>
        <Rules items={rules} />
        {stage.tasks.length === 0 && stage.referrals.length === 0 ? (
          <p className="muted">{t('sops.stage.noTasksOrReferrals')}</p>
        ) : null}
        {stage.tasks.length > 0 ? (
          <>
            <h4 className="heading-s">{t('sops.stage.tasks')}</h4>
            <ul className="sop-items">
              {stage.tasks.map((task) => (
                <TaskItem key={task.id} task={task} sop={sop} />
              ))}
            </ul>
          </>
        ) : null}
        {stage.referrals.length > 0 ? (
          <>
            <h4 className="heading-s">{t('sops.stage.referrals')}</h4>
            <ul className="sop-items">
              {stage.referrals.map((referral) => (
                <ReferralItem key={referral.id} referral={referral} />
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </li>
  );
}

/** An SOP document for people: stages, each with its tasks and referrals, then the follow-ups. */
export function SopDocumentView({ sop }: { sop: SopDocument }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <h2 className="heading-m">{t('sops.stagesTitle')}</h2>
      <ol className="sop-stages">
        {sop.stages.map((stage, index) => (
          <StageSection key={stage.id} stage={stage} index={index} sop={sop} />
        ))}
      </ol>
      <section className="section" aria-labelledby="sop-follow-ups">
        <h2 className="heading-m" id="sop-follow-ups">
          {t('sops.followUps.title')}
        </h2>
        {sop.followUps.length === 0 ? (
          <p>{t('sops.followUps.none')}</p>
        ) : (
          <>
            <p>{t('sops.followUps.intro')}</p>
            <ol className="sop-follow-ups">
              {sop.followUps.map((followUp) => (
                <li key={`${followUp.after.amount}-${followUp.after.unit}`}>
                  {followUpText(t, followUp)}
                  {followUp.note ? (
                    <span className="table__secondary"> {localText(followUp.note, i18n.language)}</span>
                  ) : null}
                </li>
              ))}
            </ol>
          </>
        )}
      </section>
    </>
  );
}
