import { z } from 'zod';
import { CaseCategory, CaseSubtype, RiskLevel } from '../case-vocabulary.js';
import { Answers, Questionnaire } from '../screening/questionnaire.js';
import { ScoringRules, ScreeningSuggestion } from '../screening/scoring.js';
import { JsonDocument } from './common.js';

export const QuestionnaireVersion = z.object({
  version: z.number().int(),
  questionnaire: Questionnaire,
  scoringRules: ScoringRules,
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
});
export type QuestionnaireVersion = z.infer<typeof QuestionnaireVersion>;

/**
 * An administrator publishes the next version; the server numbers it and checks both
 * documents in full (schemas and rules against questions), answering every problem found.
 */
export const QuestionnairePublish = z.strictObject({
  questionnaire: JsonDocument,
  scoringRules: JsonDocument,
});
export type QuestionnairePublish = z.infer<typeof QuestionnairePublish>;

export const QuestionnaireVersionParams = z.strictObject({ version: z.coerce.number().int().min(1) });

export const ScreeningSave = z.strictObject({ answers: Answers });
export type ScreeningSave = z.infer<typeof ScreeningSave>;

export const ScreeningConfirm = z.strictObject({
  category: CaseCategory,
  subtype: CaseSubtype.nullable().optional(),
  risk: RiskLevel,
  /** Required when the decision differs from the suggestion. */
  reason: z.string().trim().min(1).max(5000).nullable().optional(),
});
export type ScreeningConfirm = z.infer<typeof ScreeningConfirm>;

export const CaseScreening = z.object({
  questionnaireVersion: z.number().int(),
  /** Sent back as `If-Match: "v<version>"` when saving answers again. */
  version: z.number().int(),
  answers: Answers,
  suggestion: ScreeningSuggestion,
  confirmed: z
    .object({
      category: CaseCategory,
      subtype: CaseSubtype.nullable(),
      risk: RiskLevel,
      overridden: z.boolean(),
      reason: z.string().nullable(),
      by: z.string().nullable(),
      at: z.string(),
    })
    .nullable(),
  updatedAt: z.string(),
});
export type CaseScreening = z.infer<typeof CaseScreening>;
export const CaseScreeningResponse = z.object({ screening: CaseScreening.nullable() });
