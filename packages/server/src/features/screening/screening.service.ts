import {
  type Actor,
  type Answers,
  type CaseScreening,
  Questionnaire,
  type QuestionnairePublish,
  type QuestionnaireVersion,
  riskRank,
  ScoringRules,
  type ScreeningConfirm,
  ScreeningSuggestion,
  scoreScreening,
  subtypeFitsCategory,
  validateAnswers,
  validateScoringRules,
} from '@opennrm/domain';
import { DEFAULT_QUESTIONNAIRE, DEFAULT_SCORING_RULES } from '@opennrm/domain/defaults';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AuditContext } from '../../lib/act-context.js';
import { AppError, notFound } from '../../lib/app-error.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../audit/index.js';
import {
  type CaseRow,
  getCase,
  readCaseSection,
  type VersionCheck,
  writableCase,
  writeCaseRow,
} from '../cases/index.js';
import { personAgeFacts, personAgeOn } from '../persons/index.js';
import {
  findQuestionnaireRow,
  findScreeningRow,
  findScreeningState,
  insertQuestionnaireRow,
  insertScreeningRow,
  updateScreeningRow,
} from './screening.repository.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Version 1 of the questionnaire and its scoring rules ship with the code; later ones are data. */
export async function seedDefaultQuestionnaire(db: Db, now: Date) {
  await insertQuestionnaireRow(
    db,
    {
      version: DEFAULT_QUESTIONNAIRE.version,
      definition: JSON.stringify(DEFAULT_QUESTIONNAIRE),
      scoring_rules: JSON.stringify(DEFAULT_SCORING_RULES),
      published_by: null,
      published_at: now,
    },
    { ifAbsent: true },
  );
}

async function loadVersion(db: Db, version?: number): Promise<QuestionnaireVersion> {
  const row = await findQuestionnaireRow(db, version);
  if (!row) throw notFound('Questionnaire version');
  return {
    version: row.version,
    questionnaire: Questionnaire.parse(row.definition),
    scoringRules: ScoringRules.parse(row.scoring_rules),
    publishedAt: row.published_at.toISOString(),
    publishedBy: row.username,
  };
}

export const currentQuestionnaire = (services: Services) => loadVersion(services.db);
export const questionnaireVersion = (services: Services, version: number) =>
  loadVersion(services.db, version);

/** Publishes the next version after checking the rules against the questions; cases keep theirs. */
export async function publishQuestionnaire(
  services: Services,
  ctx: AuditContext,
  input: QuestionnairePublish,
  userId: string,
) {
  const latest = await loadVersion(services.db);
  const version = latest.version + 1;
  const questionnaire = Questionnaire.safeParse({ ...input.questionnaire, version });
  const rules = ScoringRules.safeParse({ ...input.scoringRules, version });
  const problems = [
    ...(questionnaire.success
      ? []
      : questionnaire.error.issues.map((i) => ({
          where: `questionnaire.${i.path.join('.')}`,
          message: i.message,
        }))),
    ...(rules.success
      ? []
      : rules.error.issues.map((i) => ({ where: `scoringRules.${i.path.join('.')}`, message: i.message }))),
  ];
  if (questionnaire.success && rules.success)
    problems.push(...validateScoringRules(questionnaire.data, rules.data));
  if (problems.length)
    throw new AppError('QUESTIONNAIRE_INVALID', 'The questionnaire or its rules have problems', { problems });
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await insertQuestionnaireRow(trx, {
      version,
      definition: JSON.stringify(questionnaire.data),
      scoring_rules: JSON.stringify(rules.data),
      published_by: userId,
      published_at: now,
    });
    await recordAudit(
      trx,
      ctx,
      { action: 'screening.questionnaire_published', targetType: 'questionnaire', targetId: String(version) },
      now,
    );
  });
  return loadVersion(services.db, version);
}

/**
 * Age for the scoring rules. A person marked as a minor is treated as a child whatever the
 * recorded or estimated birth date says: wrongly treating a child as an adult is the
 * mistake that matters (the means element would then be required).
 */
function screeningAge(
  person: { date_of_birth: string | null; estimated_birth_year: number | null; vulnerabilities: string[] },
  on: Date,
): number | null {
  const age = personAgeOn(person, on);
  if (person.vulnerabilities.includes('minor') && (age === null || age >= 18)) return 17;
  return age;
}

export async function getScreening(services: Services, caseId: string): Promise<CaseScreening | null> {
  const row = await findScreeningRow(services.db, caseId);
  if (!row) return null;
  const suggestion = ScreeningSuggestion.parse(row.suggestion);
  return {
    questionnaireVersion: row.questionnaire_version,
    version: row.version,
    answers: JSON.parse(services.crypto.decrypt(row.answers_enc)) as Answers,
    suggestion,
    confirmed:
      row.confirmed_category && row.confirmed_risk && row.confirmed_at
        ? {
            category: row.confirmed_category,
            subtype: row.confirmed_subtype,
            risk: row.confirmed_risk,
            overridden: !!row.override_reason_enc,
            reason: row.override_reason_enc ? services.crypto.decrypt(row.override_reason_enc) : null,
            by: row.confirmer,
            at: row.confirmed_at.toISOString(),
          }
        : null,
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * Saves the interview as it goes and answers the suggestion. A case keeps the questionnaire
 * version its screening started with; answers are encrypted (they hold the person's story).
 */
export async function saveScreening(
  services: Services,
  ctx: AuditContext,
  row: CaseRow,
  answers: Answers,
  userId: string,
  /** Checks the stored version against the client's If-Match; the route supplies it. */
  assertVersion: (current: number) => void = () => {},
): Promise<{ suggestion: ScreeningSuggestion; version: number }> {
  const existing = await findScreeningState(services.db, row.id);
  if (existing) assertVersion(existing.version);
  if (existing?.confirmed_at) throw new AppError('CASE_STAGE_INVALID', 'The screening is already confirmed');
  const version = await loadVersion(services.db, existing?.questionnaire_version);
  const problems = validateAnswers(version.questionnaire, answers);
  if (problems.length)
    throw new AppError('SCREENING_ANSWERS_INVALID', 'Some answers do not fit the questionnaire', {
      problems,
    });
  const person = await personAgeFacts(services.db, row.person_id);
  const now = services.now();
  const suggestion = scoreScreening(version.questionnaire, version.scoringRules, answers, {
    ageYears: screeningAge(person, now),
  });
  const values = {
    questionnaire_version: version.version,
    answers_enc: services.crypto.encrypt(JSON.stringify(answers)),
    suggestion: JSON.stringify(suggestion),
    updated_by: userId,
    updated_at: now,
  };
  const nextVersion = (existing?.version ?? 0) + 1;
  await services.db.transaction().execute(async (trx) => {
    if (existing) {
      // Conditional on the version read: of two saves racing, the second is refused.
      if (!(await updateScreeningRow(trx, row.id, { ...values, version: nextVersion }, existing.version))) {
        throw new AppError(
          'PRECONDITION_FAILED',
          'Someone else saved answers meanwhile; reload the interview',
        );
      }
    } else {
      await insertScreeningRow(trx, { case_id: row.id, ...values, version: nextVersion });
    }
    // The stage change is part of the saved screening: its audit event (below) is recorded
    // whether or not the stage moved.
    if (row.stage === 'received') {
      await writeCaseRow(trx, row.id, { stage: 'screening' }, now, {
        expectedVersion: row.version,
        audit: { ctx, action: 'case.updated', details: { fields: ['stage'], cause: 'screening.saved' } },
      });
    }
    await recordAudit(
      trx,
      ctx,
      {
        action: 'screening.saved',
        targetType: 'case',
        targetId: row.id,
        details: { questionnaireVersion: version.version, answered: Object.keys(answers).length },
      },
      now,
    );
  });
  return { suggestion, version: nextVersion };
}

/**
 * The case manager confirms the suggested category and risk, or overrides them with a
 * written reason. The case is then "screened", with the confirmed category.
 */
export async function confirmScreening(
  services: Services,
  ctx: AuditContext,
  row: CaseRow,
  input: ScreeningConfirm,
  userId: string,
) {
  const current = await getScreening(services, row.id);
  if (!current) throw new AppError('SCREENING_NOT_STARTED', 'Record the screening interview first');
  if (current.confirmed) throw new AppError('CASE_STAGE_INVALID', 'The screening is already confirmed');
  const subtype = input.subtype ?? null;
  if (subtype && !subtypeFitsCategory(input.category, subtype)) {
    throw new AppError('SUBTYPE_MISMATCH', 'This sub-type does not belong to the category');
  }
  const version = await loadVersion(services.db, current.questionnaireVersion);
  const missing = validateAnswers(version.questionnaire, current.answers, { complete: true });
  if (missing.length)
    throw new AppError('SCREENING_ANSWERS_INVALID', 'Answer every required question first', {
      problems: missing,
    });
  const s = current.suggestion;
  // Lowering the risk the case already carries (an urgent hotline call, say) needs a reason too.
  const lowersCaseRisk = riskRank(input.risk) < riskRank(row.risk);
  const overridden =
    input.category !== s.category || subtype !== s.subtype || input.risk !== s.risk || lowersCaseRisk;
  if (overridden && !input.reason) {
    throw new AppError('OVERRIDE_REASON_REQUIRED', 'Explain why the decision differs from the suggestion', {
      suggestion: { category: s.category, subtype: s.subtype, risk: s.risk },
    });
  }
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await updateScreeningRow(trx, row.id, {
      confirmed_category: input.category,
      confirmed_subtype: subtype,
      confirmed_risk: input.risk,
      override_reason_enc: overridden && input.reason ? services.crypto.encrypt(input.reason) : null,
      confirmed_by: userId,
      confirmed_at: now,
      updated_at: now,
    });
    // Decided on the case as read (its risk): 412 if it changed meanwhile.
    await writeCaseRow(trx, row.id, { category: input.category, subtype, risk: input.risk }, now, {
      expectedVersion: row.version,
      // Who decided, and whether it differs from the suggestion: the outcome itself stays in the screening.
      audit: { ctx, action: 'screening.confirmed', details: { overridden } },
    });
    // The confirmed category chooses the SOP: the workflow starts (or follows) and sets the stage.
    await services.events.emit(
      { services, db: trx, audit: ctx, actorId: userId, now },
      'screening.confirmed',
      {
        caseId: row.id,
        decision: { category: input.category, subtype, risk: input.risk },
      },
    );
  });
}

/*
 * The screening of a case as its routes ask for it: need-to-know first (the case's screening
 * section to read it, write access to change it).
 */

/** GET /api/cases/:id/screening: the interview, if started. */
export async function viewScreening(services: Services, ctx: AuditContext, actor: Actor, caseId: string) {
  await readCaseSection(services, ctx, actor, caseId, 'screening');
  return getScreening(services, caseId);
}

/** PUT /api/cases/:id/screening: saves answers at the version the client read (If-Match). */
export async function saveCaseScreening(
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  caseId: string,
  answers: Answers,
  checkVersion: VersionCheck,
) {
  const { row } = await writableCase(services, ctx, actor, caseId);
  return saveScreening(services, ctx, row, answers, actor.userId, checkVersion);
}

/** POST /api/cases/:id/screening/confirm: answers the confirmed screening. */
export async function confirmCaseScreening(
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  caseId: string,
  input: ScreeningConfirm,
) {
  const { row } = await writableCase(services, ctx, actor, caseId);
  await confirmScreening(services, ctx, row, input, actor.userId);
  // Read as the caller (and audited as a view) after the change.
  await getCase(services, ctx, actor, row.id);
  return getScreening(services, row.id);
}
