/** The documents feature's public API: other features import it only from here. */
export { CaseDocumentsSection } from './case-documents-section';
export { useFileSize } from './document-labels';
