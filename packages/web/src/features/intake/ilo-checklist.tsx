import { ILO_INDICATORS, type IloIndicator, localize } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { useQuestionnaire } from '../../api/cases';
import { CheckboxGroup } from '../../components/choice-fields';

interface Props {
  id: string;
  values: readonly string[];
  onValuesChange: (values: IloIndicator[]) => void;
  error?: string;
}

/**
 * The ILO's 11 indicators of forced labour as a checklist for first responders. Each
 * label is the indicator's name; its hint is the screening questionnaire's question for
 * the same indicator, in the UI language: what to ask, or to look for.
 */
export function IloChecklist({ id, values, onValuesChange, error }: Props) {
  const { t, i18n } = useTranslation();
  const questionnaire = useQuestionnaire(null);
  const guidance = new Map<string, string>();
  for (const section of questionnaire.data?.questionnaire.sections ?? []) {
    for (const question of section.questions) {
      if (question.indicator) guidance.set(question.indicator, localize(question.text, i18n.language));
    }
  }
  return (
    <CheckboxGroup
      id={id}
      name={id}
      legend={t('referral.indicators')}
      hint={t('referral.indicatorsHint')}
      error={error}
      values={values}
      onValuesChange={(next) =>
        onValuesChange(ILO_INDICATORS.filter((indicator) => next.includes(indicator)))
      }
      options={ILO_INDICATORS.map((indicator) => ({
        value: indicator,
        label: t(`iloIndicators.${indicator}`),
        hint: guidance.get(indicator),
      }))}
    />
  );
}
