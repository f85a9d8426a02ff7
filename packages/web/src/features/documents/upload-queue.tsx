import { type FormEvent, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/error-summary';
import { SelectField, TextField } from '../../components/fields';
import { type FieldError, useFormErrors } from '../../components/form-errors';
import { useDocumentTypeOptions, useFileSize, usePercent } from './document-labels';
import { UploadProgress } from './upload-progress';
import { type Draft, type QueueItem, uploadQueue, useUploadQueue } from './upload-queue-store';
import { useCaseLinks, useLanguageOptions } from './use-link-options';

type Links = ReturnType<typeof useCaseLinks>;

const fieldId = (base: string, item: QueueItem, field: keyof Draft) => `${base}-${item.key}-${field}`;

/** A chosen file's name and size, and "Remove". */
function CardHead({ item }: { item: QueueItem }) {
  const { t } = useTranslation();
  const size = useFileSize();
  return (
    <div className="upload-card__head">
      <h4 className="heading-s upload-card__file">
        <span dir="auto">{item.file.name}</span>
        <span className="upload-card__size">{size(item.file.size)}</span>
      </h4>
      <button type="button" className="button button--link" onClick={() => uploadQueue.remove(item.key)}>
        {t('common.remove')}
        <span className="visually-hidden"> {item.file.name}</span>
      </button>
    </div>
  );
}

/** The metadata of one new document, before its upload starts. */
function DraftCard({
  item,
  base,
  links,
  errorFor,
}: {
  item: QueueItem;
  base: string;
  links: Links;
  errorFor: (field: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const types = useDocumentTypeOptions();
  const languages = useLanguageOptions();
  const { draft } = item;
  const update = (change: Partial<Draft>) => uploadQueue.updateDraft(item.key, change);
  const id = (field: keyof Draft) => fieldId(base, item, field);
  return (
    <li className="upload-card">
      <CardHead item={item} />
      <div className="upload-card__fields">
        <SelectField
          id={id('type')}
          label={t('documents.fields.type')}
          value={draft.type}
          onValueChange={(value) => update({ type: value as Draft['type'] })}
          options={types}
          placeholderOption={t('documents.fields.chooseType')}
          error={errorFor(`${item.key}.type`) ? t('documents.fields.typeMissing') : undefined}
        />
        <TextField
          id={id('title')}
          label={t('documents.fields.title')}
          value={draft.title}
          onValueChange={(title) => update({ title })}
          maxLength={300}
          width="full"
          dir="auto"
          error={errorFor(`${item.key}.title`) ? t('documents.fields.titleMissing') : undefined}
        />
        <TextField
          id={id('date')}
          type="date"
          label={t('documents.fields.date')}
          hint={t('documents.fields.dateHint')}
          value={draft.date}
          onValueChange={(date) => update({ date })}
          width="short"
        />
        <SelectField
          id={id('language')}
          label={t('documents.fields.language')}
          value={draft.language}
          onValueChange={(language) => update({ language })}
          options={languages}
          placeholderOption={t('documents.fields.notStated')}
        />
        {links.referralOptions.length > 0 ? (
          <SelectField
            id={id('referralId')}
            label={t('documents.fields.referral')}
            value={draft.referralId}
            onValueChange={(referralId) => update({ referralId })}
            options={links.referralOptions}
            placeholderOption={t('documents.fields.none')}
          />
        ) : null}
        {links.taskOptions.length > 0 ? (
          <SelectField
            id={id('taskId')}
            label={t('documents.fields.task')}
            value={draft.taskId}
            onValueChange={(taskId) => update({ taskId })}
            options={links.taskOptions}
            placeholderOption={t('documents.fields.none')}
          />
        ) : null}
      </div>
    </li>
  );
}

/** An earlier upload of the same file stopped: continue it, or start again. */
function OfferCard({ item }: { item: QueueItem }) {
  const { t } = useTranslation();
  const size = useFileSize();
  const percent = usePercent();
  const offer = item.offer;
  if (!offer) return null;
  return (
    <li className="upload-card upload-card--offer">
      <h4 className="heading-s upload-card__file">
        <span dir="auto">{item.file.name}</span>
      </h4>
      <p>
        {t('documents.resume.offer', {
          sent: size(offer.receivedBytes),
          total: size(offer.size),
          percent: percent(offer.receivedBytes, offer.size),
        })}
      </p>
      <div className="button-group">
        <button type="button" className="button" onClick={() => uploadQueue.resume(item.key)}>
          {t('documents.resume.resume')}
          <span className="visually-hidden"> {item.file.name}</span>
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => uploadQueue.startAgain(item.key)}
        >
          {t('documents.resume.startAgain')}
          <span className="visually-hidden"> {item.file.name}</span>
        </button>
      </div>
    </li>
  );
}

function RefusedCard({ item, limit }: { item: QueueItem; limit: string }) {
  const { t } = useTranslation();
  return (
    <li className="upload-card upload-card--refused">
      <CardHead item={item} />
      <p className="error-message">
        {item.refusal === 'too_large'
          ? t('documents.errors.FILE_TOO_LARGE', { limit })
          : t('documents.errors.UNSUPPORTED_FILE_TYPE')}
      </p>
    </li>
  );
}

/**
 * The new documents of this case on their way: a metadata form for each chosen file, then a
 * progress bar for each. New versions show their progress on their document instead.
 */
export function UploadQueue({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const base = useId();
  const size = useFileSize();
  const { items, maxBytes } = useUploadQueue();
  const mine = items.filter((item) => item.caseId === caseId && item.target.kind === 'new');
  const drafts = mine.filter((item) => item.status === 'draft');
  const links = useCaseLinks(caseId, drafts.length > 0);
  const { errors, show, clear, errorFor, summaryRef } = useFormErrors();

  if (mine.length === 0) return null;

  const fieldIds: Record<string, string> = {};
  for (const item of drafts) {
    fieldIds[`${item.key}.type`] = fieldId(base, item, 'type');
    fieldIds[`${item.key}.title`] = fieldId(base, item, 'title');
  }

  function start(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const problems: FieldError[] = [];
    for (const item of drafts) {
      if (!item.draft.type) {
        problems.push({
          field: `${item.key}.type`,
          message: t('documents.fields.typeRequired', { name: item.file.name }),
        });
      }
      if (!item.draft.title.trim()) {
        problems.push({
          field: `${item.key}.title`,
          message: t('documents.fields.titleRequired', { name: item.file.name }),
        });
      }
    }
    if (problems.length > 0) {
      show(problems);
      return;
    }
    clear();
    uploadQueue.startDrafts(caseId);
  }

  const waiting = mine.filter((item) => item.status === 'offer' || item.status === 'refused');
  const running = mine.filter((item) => item.status === 'running');
  const finished = running.filter(
    (item) => item.upload?.phase === 'done' || item.upload?.phase === 'cancelled',
  );
  return (
    <div className="upload-queue">
      {drafts.length > 0 ? (
        <form className="upload-queue__drafts" onSubmit={start} noValidate>
          <ErrorSummary errors={errors} fieldIds={fieldIds} summaryRef={summaryRef} />
          <h3 className="heading-m">{t('documents.upload.describe', { count: drafts.length })}</h3>
          <ul className="upload-queue__list">
            {drafts.map((item) => (
              <DraftCard key={item.key} item={item} base={base} links={links} errorFor={errorFor} />
            ))}
          </ul>
          <div className="button-group">
            <button type="submit" className="button">
              {t('documents.upload.start', { count: drafts.length })}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                clear();
                for (const item of drafts) uploadQueue.remove(item.key);
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {waiting.length > 0 ? (
        <ul className="upload-queue__list">
          {waiting.map((item) =>
            item.status === 'offer' ? (
              <OfferCard key={item.key} item={item} />
            ) : (
              <RefusedCard key={item.key} item={item} limit={size(maxBytes)} />
            ),
          )}
        </ul>
      ) : null}
      {running.length > 0 ? (
        <section className="upload-queue__running" aria-labelledby={`${base}-running`}>
          <h3 className="heading-s" id={`${base}-running`}>
            {t('documents.upload.runningTitle')}
          </h3>
          <ul className="upload-queue__list">
            {running.map((item) => (
              <li key={item.key} className="upload-card">
                <UploadProgress
                  item={item}
                  heading={
                    item.target.kind === 'new' && item.draft.title
                      ? item.draft.title
                      : t('documents.upload.file')
                  }
                />
              </li>
            ))}
          </ul>
          {finished.length > 0 ? (
            <button
              type="button"
              className="button button--link"
              onClick={() => uploadQueue.clearFinished(caseId)}
            >
              {t('documents.upload.clearFinished')}
            </button>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
