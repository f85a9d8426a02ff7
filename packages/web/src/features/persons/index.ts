/** The persons feature's public API: other features import it only from here. */
export { PersonDocuments } from './person-documents';
export { PersonEdit } from './person-edit';
