import { DocumentHolder, IdentityDocumentType, Vulnerability, WorkPermitType } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../../components/checkbox-field';
import { CheckboxGroup } from '../../components/choice-fields';
import { SelectField, TextField } from '../../components/fields';
import { LanguagesField } from '../../components/languages-field';
import { useDisplayNames } from '../../i18n/display-names';
import { type DocumentDraft, newDocument } from './person-draft';
import type { PersonFieldProps } from './person-fields';

/** Other names the person is known by: "add another". */
export function AliasesField({ idPrefix, draft, update, errorFor }: PersonFieldProps) {
  const { t } = useTranslation();
  const set = (index: number, value: string) =>
    update({ aliases: draft.aliases.map((alias, i) => (i === index ? value : alias)) });
  return (
    <fieldset className="fieldset add-another" id={`${idPrefix}-aliases`} tabIndex={-1}>
      <legend className="fieldset__legend fieldset__legend--s">{t('person.aliases')}</legend>
      <p className="hint">{t('person.aliasesHint')}</p>
      {draft.aliases.map((alias, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: aliases are plain strings edited in place
        <div className="add-another__item" key={index}>
          <TextField
            id={`${idPrefix}-alias-${index}`}
            label={t('person.aliasN', { n: index + 1 })}
            value={alias}
            onValueChange={(value) => set(index, value)}
            error={index === 0 ? errorFor('aliases') : undefined}
            autoComplete="off"
            spellCheck={false}
            width="full"
            maxLength={200}
          />
          <button
            type="button"
            className="button button--link"
            onClick={() => update({ aliases: draft.aliases.filter((_, i) => i !== index) })}
          >
            {t('common.remove')}
            <span className="visually-hidden"> {t('person.aliasN', { n: index + 1 })}</span>
          </button>
        </div>
      ))}
      {draft.aliases.length < 10 ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => update({ aliases: [...draft.aliases, ''] })}
        >
          {draft.aliases.length === 0 ? t('person.addAlias') : t('person.addAnotherAlias')}
        </button>
      ) : null}
    </fieldset>
  );
}

/** One identity document's fields; also used on the case page to add a document later. */
export function DocumentFields({
  idPrefix,
  index,
  doc,
  onChange,
  onRemove,
  errorFor,
  legend,
}: {
  idPrefix: string;
  index: number;
  doc: DocumentDraft;
  onChange: (doc: DocumentDraft) => void;
  /** Without it, no "Remove" button (a single document being added). */
  onRemove?: () => void;
  errorFor: (field: string) => string | undefined;
  /** Defaults to "Document n". */
  legend?: string;
}) {
  const { t } = useTranslation();
  const names = useDisplayNames();
  const id = `${idPrefix}-documents-${index}`;
  return (
    <fieldset className="fieldset add-another__item add-another__item--box">
      <legend className="fieldset__legend fieldset__legend--s">
        {legend ?? t('person.documentN', { n: index + 1 })}
      </legend>
      <SelectField
        id={`${id}-type`}
        label={t('person.documentType')}
        value={doc.type}
        onValueChange={(type) =>
          onChange({ ...doc, type: IdentityDocumentType.options.find((o) => o === type) ?? '' })
        }
        error={errorFor(`documents.${index}.type`)}
        placeholderOption={t('person.chooseDocumentType')}
        options={IdentityDocumentType.options.map((value) => ({ value, label: t(`documentTypes.${value}`) }))}
      />
      <TextField
        id={`${id}-number`}
        label={t('person.documentNumber')}
        value={doc.number}
        onValueChange={(number) => onChange({ ...doc, number })}
        error={errorFor(`documents.${index}.number`)}
        autoComplete="off"
        spellCheck={false}
        dir="ltr"
        maxLength={50}
      />
      <SelectField
        id={`${id}-country`}
        label={t('person.documentCountry')}
        value={doc.issuingCountry}
        onValueChange={(issuingCountry) => onChange({ ...doc, issuingCountry })}
        placeholderOption={t('person.chooseCountry')}
        options={names.countryOptions}
      />
      <SelectField
        id={`${id}-holder`}
        label={t('person.documentHolder')}
        hint={t('person.documentHolderHint')}
        value={doc.holder}
        onValueChange={(holder) =>
          onChange({ ...doc, holder: DocumentHolder.options.find((o) => o === holder) ?? 'unknown' })
        }
        options={DocumentHolder.options.map((value) => ({ value, label: t(`documentHolders.${value}`) }))}
      />
      {onRemove ? (
        <button type="button" className="button button--link" onClick={onRemove}>
          {t('common.remove')}
          <span className="visually-hidden"> {t('person.documentN', { n: index + 1 })}</span>
        </button>
      ) : null}
    </fieldset>
  );
}

/** Identity documents, with who holds each now: "add another". */
export function DocumentsField({ idPrefix, draft, update, errorFor }: PersonFieldProps) {
  const { t } = useTranslation();
  const set = (index: number, doc: DocumentDraft) =>
    update({ documents: draft.documents.map((old, i) => (i === index ? doc : old)) });
  return (
    <fieldset className="fieldset add-another" id={`${idPrefix}-documents`} tabIndex={-1}>
      <legend className="fieldset__legend fieldset__legend--s">{t('person.documents')}</legend>
      <p className="hint">{t('person.documentsHint')}</p>
      {draft.documents.map((doc, index) => (
        <DocumentFields
          key={doc.key}
          idPrefix={idPrefix}
          index={index}
          doc={doc}
          errorFor={errorFor}
          onChange={(next) => set(index, next)}
          onRemove={() => update({ documents: draft.documents.filter((_, i) => i !== index) })}
        />
      ))}
      {draft.documents.length < 10 ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => update({ documents: [...draft.documents, newDocument()] })}
        >
          {draft.documents.length === 0 ? t('person.addDocument') : t('person.addAnotherDocument')}
        </button>
      ) : null}
    </fieldset>
  );
}

/** Languages, interpreter, work permit and vulnerabilities. */
export function CircumstanceFields({ idPrefix, draft, update, errorFor }: PersonFieldProps) {
  const { t } = useTranslation();
  return (
    <>
      <LanguagesField
        id={`${idPrefix}-languages`}
        label={t('person.languages')}
        hint={t('person.languagesHint')}
        values={draft.languages}
        onValuesChange={(languages) => update({ languages })}
        error={errorFor('languages')}
      />
      <CheckboxField
        id={`${idPrefix}-interpreter`}
        label={t('person.interpreterNeeded')}
        checked={draft.interpreterNeeded}
        onCheckedChange={(interpreterNeeded) => update({ interpreterNeeded })}
      />
      <SelectField
        id={`${idPrefix}-workPermitType`}
        label={t('person.workPermitType')}
        value={draft.workPermitType}
        onValueChange={(value) =>
          update({ workPermitType: WorkPermitType.options.find((o) => o === value) ?? '' })
        }
        placeholderOption={t('person.chooseWorkPermit')}
        options={WorkPermitType.options.map((value) => ({ value, label: t(`workPermitTypes.${value}`) }))}
      />
      <CheckboxGroup
        id={`${idPrefix}-vulnerabilities`}
        name={`${idPrefix}-vulnerabilities`}
        legend={t('person.vulnerabilities')}
        hint={t('person.vulnerabilitiesHint')}
        small
        values={draft.vulnerabilities}
        onValuesChange={(values) =>
          update({ vulnerabilities: Vulnerability.options.filter((v) => values.includes(v)) })
        }
        options={Vulnerability.options.map((value) => ({ value, label: t(`vulnerabilities.${value}`) }))}
      />
    </>
  );
}
