// The cases feature's public API: the routes, need-to-know reads of a case (`readableCase`,
// `writableCase`, `getCase`), what other features' rules need of a case row (`findCase`,
// `caseAccessFacts`), and the one writer of a case row (`writeCaseRow`, over `updateCaseRow`).
export { caseRoutes } from './cases.routes.js';
export {
  type CaseChangeAudit,
  type CasePatch,
  type CaseRow,
  type CaseWriteOptions,
  caseAccessFacts,
  findCase,
  getCase,
  readableCase,
  readCaseSection,
  screeningOutcome,
  type VersionCheck,
  writableCase,
  writeCaseRow,
} from './cases.service.js';
