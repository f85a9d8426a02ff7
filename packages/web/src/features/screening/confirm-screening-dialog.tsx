import {
  CASE_SUBTYPES,
  CaseCategory,
  type CaseSubtype,
  RiskLevel,
  type ScreeningSuggestion,
} from '@opennrm/domain';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { screeningApi } from '../../api/cases';
import { RadioGroup } from '../../components/choice-fields';
import { Dialog } from '../../components/dialog';
import { ErrorSummary } from '../../components/error-summary';
import { SelectField, TextAreaField } from '../../components/fields';
import { FormActions } from '../../components/form-actions';
import { apiErrorToFieldErrors, useFormErrors } from '../../components/form-errors';

const FIELD_IDS = {
  category: 'confirm-category',
  subtype: 'confirm-subtype',
  risk: 'confirm-risk',
  reason: 'confirm-reason',
  '': 'confirm-category',
};
const CODE_FIELDS = { OVERRIDE_REASON_REQUIRED: 'reason', SUBTYPE_MISMATCH: 'subtype' };

interface Props {
  open: boolean;
  onClose: () => void;
  caseId: string;
  suggestion: ScreeningSuggestion;
  onConfirmed: () => void;
}

/**
 * The case manager confirms the suggested category and risk, or decides otherwise and
 * writes why; both are recorded in the audit trail.
 */
export function ConfirmScreeningDialog({ open, onClose, caseId, suggestion, onConfirmed }: Props) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<string>(suggestion.category ?? '');
  const [subtype, setSubtype] = useState<string>(suggestion.subtype ?? '');
  const [risk, setRisk] = useState<string>(suggestion.risk);
  const [reason, setReason] = useState('');
  const form = useFormErrors();
  const chosenCategory = CaseCategory.options.find((c) => c === category);
  const differs =
    category !== (suggestion.category ?? '') ||
    subtype !== (suggestion.subtype ?? '') ||
    risk !== suggestion.risk;
  const suggested = (label: string, isSuggested: boolean) =>
    isSuggested ? t('screening.confirm.suggestedOption', { label }) : label;

  const confirm = useMutation({
    mutationFn: () =>
      screeningApi.confirm(caseId, {
        category: chosenCategory as CaseCategory,
        subtype: (subtype || null) as CaseSubtype | null,
        risk: risk as RiskLevel,
        reason: differs ? reason.trim() || null : null,
      }),
    onSuccess: () => {
      onClose();
      onConfirmed();
    },
    onError: (error) =>
      form.show(
        apiErrorToFieldErrors(t, error, {
          form: 'confirmScreening',
          fields: ['category', 'subtype', 'risk', 'reason'],
          codeFields: CODE_FIELDS,
        }),
      ),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const problems = [];
    if (!chosenCategory)
      problems.push({ field: 'category', message: t('screening.confirm.errors.category') });
    if (differs && !reason.trim())
      problems.push({ field: 'reason', message: t('screening.confirm.errors.reason') });
    if (problems.length > 0) {
      form.show(problems);
      return;
    }
    form.clear();
    confirm.mutate();
  }

  return (
    <Dialog open={open} onClose={onClose} title={t('screening.confirm.title')}>
      <ErrorSummary errors={form.errors} fieldIds={FIELD_IDS} summaryRef={form.summaryRef} />
      <form onSubmit={onSubmit} noValidate>
        <p>{t('screening.confirm.intro')}</p>
        <RadioGroup
          id="confirm-category"
          name="confirm-category"
          legend={t('cases.category')}
          small
          error={form.errorFor('category')}
          value={category}
          onValueChange={(value) => {
            setCategory(value);
            setSubtype(value === suggestion.category ? (suggestion.subtype ?? '') : '');
          }}
          options={CaseCategory.options.map((value) => ({
            value,
            label: suggested(t(`caseCategories.${value}`), value === suggestion.category),
          }))}
        />
        {chosenCategory ? (
          <SelectField
            id="confirm-subtype"
            label={t('cases.subtype')}
            value={subtype}
            onValueChange={setSubtype}
            error={form.errorFor('subtype')}
            placeholderOption={t('screening.confirm.noSubtype')}
            options={CASE_SUBTYPES[chosenCategory].map((value) => ({
              value,
              label: suggested(t(`caseSubtypes.${value}`), value === suggestion.subtype),
            }))}
          />
        ) : null}
        <RadioGroup
          id="confirm-risk"
          name="confirm-risk"
          legend={t('cases.risk')}
          small
          inline
          error={form.errorFor('risk')}
          value={risk}
          onValueChange={setRisk}
          options={[...RiskLevel.options].map((value) => ({
            value,
            label: suggested(t(`riskLevels.${value}`), value === suggestion.risk),
          }))}
        />
        {differs ? (
          <TextAreaField
            id="confirm-reason"
            label={t('screening.confirm.reason')}
            hint={t('screening.confirm.reasonHint')}
            value={reason}
            onValueChange={setReason}
            error={form.errorFor('reason')}
            rows={4}
            maxLength={5000}
          />
        ) : (
          <p className="hint">{t('screening.confirm.asSuggested')}</p>
        )}
        <FormActions
          submit={differs ? t('screening.confirm.submitOverride') : t('screening.confirm.submit')}
          pending={confirm.isPending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
