import { describe, expect, it } from 'vitest';
import {
  CaseCategory,
  CaseSubtype,
  ConsentMethod,
  ConsentPurpose,
  ConsentStatus,
  DocumentHolder,
  IdentityDocumentType,
  IntakeChannel,
  PartyKind,
  PartyRole,
  RiskLevel,
  Sex,
  Vulnerability,
  WorkPermitType,
} from '../../src/case-vocabulary.js';
import { AuditAction, AuditOutcome } from '../../src/contracts/audit.js';
import { SessionStage } from '../../src/contracts/auth.js';
import { CaseSection, DuplicateCheck, IntakeKind } from '../../src/contracts/cases.js';
import { DocumentType } from '../../src/contracts/documents.js';
import { NotificationKind } from '../../src/contracts/workflow.js';
import { OrganisationKind, Role } from '../../src/roles.js';
import { IloIndicator, PalermoElement } from '../../src/screening/vocabulary.js';
import {
  LifecycleStage,
  ProcedureKind,
  ReferralPurpose,
  ReferralStatus,
  ResolutionKind,
  TaskStatus,
} from '../../src/sop/vocabulary.js';
import { labelOf, VOCABULARIES, type VocabularyKey } from '../../src/vocabulary/labels.js';

/** The enum each vocabulary labels: the values come from the schema, not from the labels. */
const ENUMS: Record<VocabularyKey, { options: readonly string[] }> = {
  caseStages: LifecycleStage,
  caseCategories: CaseCategory,
  caseSubtypes: CaseSubtype,
  riskLevels: RiskLevel,
  intakeChannels: IntakeChannel,
  intakeKinds: IntakeKind,
  sexes: Sex,
  workPermitTypes: WorkPermitType,
  documentTypes: IdentityDocumentType,
  documentHolders: DocumentHolder,
  vulnerabilities: Vulnerability,
  consentPurposes: ConsentPurpose,
  consentStatuses: ConsentStatus,
  consentMethods: ConsentMethod,
  partyKinds: PartyKind,
  partyRoles: PartyRole,
  caseSections: CaseSection,
  duplicateChecks: DuplicateCheck,
  iloIndicators: IloIndicator,
  palermoElements: PalermoElement,
  'referrals.purposes': ReferralPurpose,
  'referrals.statuses': ReferralStatus,
  'tasks.statuses': TaskStatus,
  'workflow.procedureKinds': ProcedureKind,
  'workflow.resolutions': ResolutionKind,
  'documents.types': DocumentType,
  'notifications.kinds': NotificationKind,
  roles: Role,
  organisationKinds: OrganisationKind,
  sessionStages: SessionStage,
  auditOutcomes: AuditOutcome,
  auditActions: AuditAction,
};

const ARABIC = /[\u0600-\u06FF]/;

describe('the vocabulary', () => {
  for (const [key, labels] of Object.entries(VOCABULARIES)) {
    it(`labels every value of ${key} in English and Arabic, and nothing else`, () => {
      const values = ENUMS[key as VocabularyKey].options;
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
      for (const value of values) {
        const label = (labels as Record<string, { en: string; ar: string }>)[value];
        expect(label?.en.trim(), `${key}.${value} (en)`).toBeTruthy();
        expect(label?.ar.trim(), `${key}.${value} (ar)`).toBeTruthy();
        expect(ARABIC.test(label?.ar ?? ''), `${key}.${value} (ar) is in Arabic`).toBe(true);
      }
    });
  }

  it('uses the glossary words (docs/UX.md)', () => {
    expect(VOCABULARIES.caseCategories.trafficking.ar).toBe('الاتجار بالأشخاص');
    expect(VOCABULARIES.organisationKinds.labour_inspection.ar).toBe('التفتيش العمالي');
    expect(VOCABULARIES['referrals.purposes'].inspection.ar).toBe('التفتيش العمالي');
    expect(VOCABULARIES.organisationKinds.shelter.ar).toBe('دار الإيواء');
    expect(VOCABULARIES['workflow.resolutions'].voluntary_repatriation.ar).toBe('العودة الطوعية');
  });

  it('reads a label in a language, and falls back to the value itself', () => {
    expect(labelOf(VOCABULARIES.riskLevels, 'urgent', 'ar')).toBe('عاجل');
    expect(labelOf(VOCABULARIES.riskLevels, 'urgent', 'en')).toBe('Urgent');
    expect(labelOf(VOCABULARIES.riskLevels, 'unheard_of', 'en')).toBe('unheard_of');
  });
});
