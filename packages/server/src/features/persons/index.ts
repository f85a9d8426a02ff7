// The persons feature's public API: the registry's routes, and what cases and the demo data need
// of a person (created with a case, read into it, the blind indexes the case search uses).
export { personRoutes } from './persons.routes.js';
export {
  documentIndex,
  findDuplicates,
  insertPerson,
  loadPerson,
  personAgeFacts,
  personAgeOn,
  personExists,
  phoneIndex,
  searchTextOf,
} from './persons.service.js';
