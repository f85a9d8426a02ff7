import { DOCUMENT_TYPES, type DocumentType } from '@opennrm/domain';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import type { Option } from '../../components/fields';
import { intlTag } from '../../i18n/format';

const UNITS = [
  ['byte', 1],
  ['kilobyte', 1024],
  ['megabyte', 1024 ** 2],
  ['gigabyte', 1024 ** 3],
] as const;

/** A size in bytes as people read it ("1.4 MB"), in the UI language with Latin digits. */
export function formatFileSize(bytes: number, language: string): string {
  let unit: (typeof UNITS)[number] = UNITS[0];
  for (const candidate of UNITS) if (bytes >= candidate[1]) unit = candidate;
  const value = bytes / unit[1];
  return new Intl.NumberFormat(intlTag(language), {
    style: 'unit',
    unit: unit[0],
    // "634 B" rather than "634 byte"; the larger units read well in their short form.
    unitDisplay: unit[1] === 1 ? 'narrow' : 'short',
    maximumFractionDigits: unit[1] === 1 || value >= 100 ? 0 : 1,
  }).format(value);
}

/** A share as a percentage in the UI language ("27%"; kept left-to-right inside Arabic). */
export function usePercent(): (sent: number, size: number) => string {
  const { i18n } = useTranslation();
  return (sent, size) => {
    const share = size <= 0 ? 1 : Math.min(1, Math.floor((sent * 100) / size) / 100);
    return new Intl.NumberFormat(intlTag(i18n.language), { style: 'percent' }).format(share);
  };
}

export function useFileSize(): (bytes: number) => string {
  const { i18n } = useTranslation();
  return (bytes) => formatFileSize(bytes, i18n.language);
}

export function useDocumentTypeOptions(): Option[] {
  const { t } = useTranslation();
  return useMemo(
    () => DOCUMENT_TYPES.map((type) => ({ value: type, label: t(`documents.types.${type}`) })),
    [t],
  );
}

export function DocumentTypeLabel({ type }: { type: DocumentType }) {
  const { t } = useTranslation();
  return <>{t(`documents.types.${type}`)}</>;
}

/**
 * An upload or document failure in words: the documents' own wording when there is one
 * (FILE_TOO_LARGE with the limit; during an upload, how it can go on), else the app's
 * message for the code.
 */
export function documentErrorMessage(
  t: TFunction,
  error: unknown,
  language: string,
  options: { maxBytes?: number; upload?: boolean } = {},
): string {
  if (!isApiError(error)) return t('errors.UNKNOWN');
  const details = error.details as Record<string, unknown> | null | undefined;
  const reported = ['maxBytes', 'maxUploadBytes', 'limit', 'max']
    .map((name) => details?.[name])
    .find((value): value is number => typeof value === 'number');
  const limit = reported ?? options.maxBytes;
  const code =
    error.code === 'UNSUPPORTED_FILE_TYPE' && details?.reason === 'extension_mismatch'
      ? 'EXTENSION_MISMATCH'
      : error.code;
  const keys = [`documents.errors.${code}`, `errors.${error.code}`, 'errors.UNKNOWN'];
  if (options.upload) keys.unshift(`documents.uploadErrors.${code}`);
  return t(keys, { limit: limit ? formatFileSize(limit, language) : '' });
}
