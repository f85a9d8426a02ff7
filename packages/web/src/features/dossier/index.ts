/** The dossier feature's public API: other features import it only from here. */
export { DossierExport } from './dossier-export';
