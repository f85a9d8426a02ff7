import { z } from 'zod';
import { CaseCategory, CaseSubtype, RiskLevel } from '../case-vocabulary.js';
import { OrganisationKind, Role } from '../roles.js';
import { LocalizedText } from '../screening/questionnaire.js';
import { LIFECYCLE_ACTION_TYPES } from '../sop/actions.js';
import { BLOCKER_CODES } from '../sop/evaluate.js';
import {
  LifecycleStage,
  ProcedureKind,
  ReferralPurpose,
  ReferralStatus,
  ResolutionKind,
  SopId,
  SopKey,
  TaskStatus,
} from '../sop/vocabulary.js';
import { CaseReference, CaseSection } from './cases.js';
import { BoundedJson, Id, JsonDocument, PageQuery, pageOf } from './common.js';

/**
 * The HTTP contracts of issue #4: a case's SOP workflow, its tasks, referrals, closure and
 * follow-ups, organisation inboxes, notifications and SOP administration. The engine itself
 * lives in ../sop; these are the shapes the server answers and the web app reads.
 */

const Reason = z.string().trim().min(1).max(2000);
const Instant = z.string();

export const BlockerDto = z.object({ code: z.enum(BLOCKER_CODES), ref: z.string().optional() });
export type BlockerDto = z.infer<typeof BlockerDto>;

/** A lifecycle action the case page offers, allowed or with what blocks it. */
export const WorkflowActionOffer = z.object({
  type: z.enum(LIFECYCLE_ACTION_TYPES),
  to: LifecycleStage.optional(),
  stage: LifecycleStage.optional(),
  toStage: LifecycleStage.optional(),
  required: z.boolean().optional(),
  allowed: z.boolean(),
  blockers: z.array(BlockerDto),
});
export type WorkflowActionOffer = z.infer<typeof WorkflowActionOffer>;

export const StageStatus = z.enum(['done', 'current', 'upcoming', 'skipped']);
export type StageStatus = z.infer<typeof StageStatus>;

export const WorkflowStage = z.object({
  id: LifecycleStage,
  title: LocalizedText,
  status: StageStatus,
  /** When the case entered the stage (last time, if it was reopened) and left it. */
  enteredAt: Instant.nullable(),
  leftAt: Instant.nullable(),
  skipReason: z.string().nullable(),
});

export const FollowUpDto = z.object({
  /**
   * The follow-up schedule the contact belongs to: 1 the first; a case reopened and resolved
   * again starts the next one, and keeps the contacts recorded in the earlier ones.
   */
  round: z.number().int(),
  /** The contact's position in its schedule (what recording it names). */
  index: z.number().int(),
  dueAt: Instant,
  done: z.boolean(),
  reached: z.boolean().nullable(),
  situation: z.string().nullable(),
  riskAfter: RiskLevel.nullable(),
  recordedAt: Instant.nullable(),
  recordedBy: z.string().nullable(),
  overdue: z.boolean(),
});
export type FollowUpDto = z.infer<typeof FollowUpDto>;

export const ProcedureDto = z.object({ id: z.string(), kind: ProcedureKind, open: z.boolean() });

export const ClosureDto = z.object({
  requested: z.boolean(),
  approved: z.boolean(),
  requestedAt: Instant.nullable(),
  requestedBy: z.string().nullable(),
  /** The supervisor's last decision and comment (a rejection keeps its comment here). */
  decidedAt: Instant.nullable(),
  decidedBy: z.string().nullable(),
  decision: z.enum(['approved', 'rejected']).nullable(),
  comment: z.string().nullable(),
});

/** GET /api/cases/:id/workflow. `started: false` until the case has a category to choose its SOP. */
export const CaseWorkflow = z.object({
  caseId: Id,
  reference: CaseReference,
  started: z.boolean(),
  sop: z.object({ id: SopId, version: z.number().int(), title: LocalizedText }).nullable(),
  /** The newest published version of the case's SOP, when newer than the case's. */
  newerSopVersion: z.number().int().nullable(),
  stage: LifecycleStage,
  stages: z.array(WorkflowStage),
  actions: z.array(WorkflowActionOffer),
  /** What closing would need now (the same list the API answers a refused close with). */
  closeBlockers: z.array(BlockerDto),
  closure: ClosureDto,
  procedures: z.array(ProcedureDto),
  resolution: ResolutionKind.nullable(),
  flags: z.array(SopKey),
  followUps: z.array(FollowUpDto),
  /** Reopening is due: a follow-up found a high risk. */
  reopenRequired: z.boolean(),
  version: z.number().int(),
});
export type CaseWorkflow = z.infer<typeof CaseWorkflow>;

/** POST /api/cases/:id/workflow/actions (If-Match: the workflow's ETag). */
export const WorkflowActionRequest = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('advance') }),
  z.strictObject({ type: z.literal('skip'), stage: LifecycleStage, reason: Reason }),
  z.strictObject({ type: z.literal('request_closure') }),
  z.strictObject({ type: z.literal('approve_closure'), comment: z.string().trim().max(2000).optional() }),
  z.strictObject({ type: z.literal('reject_closure'), comment: Reason }),
  z.strictObject({ type: z.literal('close') }),
  z.strictObject({ type: z.literal('reopen'), toStage: LifecycleStage, reason: Reason }),
  z.strictObject({ type: z.literal('set_flag'), flag: SopKey, on: z.boolean() }),
  z.strictObject({ type: z.literal('open_procedure'), kind: ProcedureKind }),
  z.strictObject({ type: z.literal('conclude_procedure'), procedureId: z.string().min(1).max(200) }),
  z.strictObject({ type: z.literal('record_resolution'), resolution: ResolutionKind }),
]);
export type WorkflowActionRequest = z.infer<typeof WorkflowActionRequest>;

/** POST /api/cases/:id/workflow/sop-version: a supervisor moves the case to another published version. */
export const SopVersionChange = z.strictObject({ version: z.number().int().min(1), reason: Reason });

/** POST /api/cases/:id/follow-ups/:index */
export const FollowUpRecord = z.strictObject({
  reached: z.boolean(),
  situation: z.string().trim().max(4000).optional(),
  riskAfter: RiskLevel,
});
export type FollowUpRecord = z.infer<typeof FollowUpRecord>;
export const FollowUpParams = z.strictObject({ id: Id, index: z.coerce.number().int().min(0).max(50) });

// ---------------------------------------------------------------------------------------------
// Tasks

export const TaskOwnerDto = z.object({
  organisationId: Id.nullable(),
  organisationName: z.string().nullable(),
  organisationKind: OrganisationKind.nullable(),
  role: Role.nullable(),
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
});

export const TaskDto = z.object({
  id: Id,
  caseId: Id,
  caseReference: CaseReference,
  /** The engine's id in the case (`acknowledge_receipt`, `acknowledge_receipt#2`, `manual-...`). */
  key: z.string(),
  sopTaskId: z.string().nullable(),
  stage: LifecycleStage.nullable(),
  title: LocalizedText,
  evidence: LocalizedText.nullable(),
  mandatory: z.boolean(),
  status: TaskStatus,
  owner: TaskOwnerDto,
  referralId: Id.nullable(),
  dueAt: Instant.nullable(),
  overdue: z.boolean(),
  escalated: z.boolean(),
  note: z.string().nullable(),
  completedAt: Instant.nullable(),
  completedBy: z.string().nullable(),
  createdAt: Instant,
  version: z.number().int(),
});
export type TaskDto = z.infer<typeof TaskDto>;
export const TaskList = z.object({ items: z.array(TaskDto) });

export const TaskView = z.enum(['mine', 'organisation']);
export const TaskListQuery = PageQuery.extend({
  view: TaskView.default('mine'),
  status: z.enum(['open', 'overdue', 'done', 'all']).default('open'),
});
export type TaskListQuery = z.infer<typeof TaskListQuery>;
export const TaskPage = pageOf(TaskDto);

/** POST /api/cases/:id/tasks: a task added by hand. */
export const TaskCreate = z
  .strictObject({
    title: z.string().trim().min(1).max(300),
    mandatory: z.boolean().default(false),
    dueAt: z.iso.datetime({ offset: true }).optional(),
    /** Business days from now, on the installation's calendar (instead of `dueAt`). */
    dueInBusinessDays: z.number().int().min(0).max(365).optional(),
    assigneeId: Id.optional(),
    organisationId: Id.optional(),
  })
  .refine((t) => !(t.dueAt && t.dueInBusinessDays !== undefined), {
    message: 'give dueAt or dueInBusinessDays, not both',
    path: ['dueInBusinessDays'],
  });
export type TaskCreate = z.infer<typeof TaskCreate>;

/** PATCH /api/tasks/:id (If-Match): complete, cancel or reopen; reassign; a note. */
export const TaskUpdate = z.strictObject({
  status: TaskStatus.optional(),
  note: z.string().trim().max(2000).optional(),
  assigneeId: Id.nullable().optional(),
});
export type TaskUpdate = z.infer<typeof TaskUpdate>;

// ---------------------------------------------------------------------------------------------
// Referrals

export const ReferralCreate = z.strictObject({
  organisationId: Id,
  purpose: ReferralPurpose,
  message: z.string().trim().max(4000).default(''),
  sharedSections: z.array(CaseSection).max(CaseSection.options.length).default([]),
  /** Required when the consent records do not cover this referral (and a permission to do so). */
  withoutConsentReason: Reason.optional(),
});
export type ReferralCreate = z.infer<typeof ReferralCreate>;

export const ReferralTransition = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('acknowledged') }),
  z.strictObject({ status: z.literal('accepted') }),
  z.strictObject({ status: z.literal('declined'), reason: Reason }),
  z.strictObject({ status: z.literal('in_progress') }),
  z.strictObject({ status: z.literal('completed'), outcome: Reason }),
  z.strictObject({ status: z.literal('revoked'), reason: Reason }),
]);
export type ReferralTransition = z.infer<typeof ReferralTransition>;

export const OnwardReferralRequest = z.strictObject({
  organisationKind: OrganisationKind.optional(),
  message: Reason,
});
export type OnwardReferralRequest = z.infer<typeof OnwardReferralRequest>;

export const ConsentCheck = z.object({
  covered: z.boolean(),
  /** The consent purpose the referral needs, and what the records say. */
  purpose: z.string(),
  status: z.enum(['given', 'refused', 'withdrawn', 'none']),
});
export type ConsentCheck = z.infer<typeof ConsentCheck>;

export const ReferralDto = z.object({
  id: Id,
  caseId: Id,
  caseReference: CaseReference,
  organisationId: Id,
  organisationName: z.string(),
  organisationKind: OrganisationKind,
  purpose: ReferralPurpose,
  status: ReferralStatus,
  message: z.string().nullable(),
  sharedSections: z.array(CaseSection),
  sentAt: Instant,
  sentBy: z.string().nullable(),
  acknowledgeBy: Instant.nullable(),
  completeBy: Instant.nullable(),
  acknowledgedAt: Instant.nullable(),
  acceptedAt: Instant.nullable(),
  startedAt: Instant.nullable(),
  completedAt: Instant.nullable(),
  declinedAt: Instant.nullable(),
  revokedAt: Instant.nullable(),
  /** Decline or revocation reason. */
  reason: z.string().nullable(),
  outcome: z.string().nullable(),
  consentOverride: z.boolean(),
  onwardRequest: z
    .object({ at: Instant, organisationKind: OrganisationKind.nullable(), message: z.string() })
    .nullable(),
  overdue: z.boolean(),
  /** The statuses this user may move the referral to now. */
  allowedTransitions: z.array(ReferralStatus),
  version: z.number().int(),
});
export type ReferralDto = z.infer<typeof ReferralDto>;
export const ReferralList = z.object({ items: z.array(ReferralDto) });
export type ReferralList = z.infer<typeof ReferralList>;

export const InboxBox = z.enum(['new', 'overdue', 'in_progress', 'completed']);
export type InboxBox = z.infer<typeof InboxBox>;
export const InboxQuery = PageQuery.extend({ box: InboxBox.default('new') });
export type InboxQuery = z.infer<typeof InboxQuery>;
export const InboxPage = pageOf(ReferralDto).extend({
  counts: z.object({ new: z.number(), overdue: z.number(), in_progress: z.number(), completed: z.number() }),
});
export type InboxPage = z.infer<typeof InboxPage>;

/** GET /api/persons/:id/referrals: every organisation the person was referred to, across cases. */
export const PersonReferralHistory = z.object({
  items: z.array(
    ReferralDto.pick({
      id: true,
      caseId: true,
      caseReference: true,
      organisationName: true,
      organisationKind: true,
      purpose: true,
      status: true,
      sentAt: true,
      completedAt: true,
      declinedAt: true,
      revokedAt: true,
      outcome: true,
    }),
  ),
});
export type PersonReferralHistory = z.infer<typeof PersonReferralHistory>;
/** One line of a person's referral history. */
export type PersonReferral = PersonReferralHistory['items'][number];

// ---------------------------------------------------------------------------------------------
// Procedure map

/** GET /api/cases/:id/procedure-map: the case's journey, for the visual map. */
export const ProcedureMap = z.object({
  reference: CaseReference,
  category: CaseCategory.nullable(),
  subtype: CaseSubtype.nullable(),
  receivedAt: Instant,
  closedAt: Instant.nullable(),
  now: Instant,
  stages: z.array(WorkflowStage),
  referrals: z.array(
    z.object({
      id: Id,
      organisationName: z.string(),
      organisationKind: OrganisationKind,
      purpose: ReferralPurpose,
      status: ReferralStatus,
      sentAt: Instant,
      respondedAt: Instant.nullable(),
      concludedAt: Instant.nullable(),
      overdue: z.boolean(),
    }),
  ),
  tasks: z.array(
    z.object({
      id: Id,
      stage: LifecycleStage.nullable(),
      title: LocalizedText,
      ownerName: z.string().nullable(),
      mandatory: z.boolean(),
      status: TaskStatus,
      createdAt: Instant,
      dueAt: Instant.nullable(),
      completedAt: Instant.nullable(),
      overdue: z.boolean(),
      referralId: Id.nullable(),
    }),
  ),
  followUps: z.array(FollowUpDto),
});
export type ProcedureMap = z.infer<typeof ProcedureMap>;

// ---------------------------------------------------------------------------------------------
// Notifications

export const NOTIFICATION_KINDS = [
  'referral_new',
  'referral_updated',
  'onward_requested',
  'task_assigned',
  'overdue',
  'escalation',
  'approval_requested',
  'closure_decided',
  'follow_up_due',
  /** An urgent intake (issue 12): the supervisors on duty are told at once, by email too. */
  'urgent_intake',
] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;
/** The kinds a user may receive by email (the others are in-app only). */
export const EMAIL_NOTIFICATION_KINDS = [
  'referral_new',
  'task_assigned',
  'overdue',
  'escalation',
  'approval_requested',
  'urgent_intake',
] as const satisfies readonly NotificationKind[];

export const NotificationDto = z.object({
  id: Id,
  kind: NotificationKind,
  caseId: Id.nullable(),
  caseReference: CaseReference.nullable(),
  /** What it is about, without personal data: a task title, a referral purpose, an organisation name. */
  subject: z.record(z.string(), z.string()),
  link: z.string(),
  createdAt: Instant,
  readAt: Instant.nullable(),
});
export type NotificationDto = z.infer<typeof NotificationDto>;
export const NotificationQuery = PageQuery.extend({ unread: z.enum(['true', 'false']).optional() });
export const NotificationPage = pageOf(NotificationDto).extend({ unread: z.number().int() });
export type NotificationPage = z.infer<typeof NotificationPage>;
export const UnreadCount = z.object({ unread: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCount>;

export const NotificationPreferences = z.strictObject({
  email: z.array(z.enum(EMAIL_NOTIFICATION_KINDS)),
  dailyDigest: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

// ---------------------------------------------------------------------------------------------
// SOP administration

export const SopSummary = z.object({
  id: SopId,
  category: CaseCategory,
  title: LocalizedText,
  latestVersion: z.number().int(),
  versions: z.array(
    z.object({ version: z.number().int(), publishedAt: Instant, publishedBy: z.string().nullable() }),
  ),
  /** Cases currently on each version. */
  casesByVersion: z.record(z.string(), z.number().int()),
});
export type SopSummary = z.infer<typeof SopSummary>;
export const SopSummaryList = z.object({ items: z.array(SopSummary) });
export type SopSummaryList = z.infer<typeof SopSummaryList>;
export const SopVersionParams = z.strictObject({ sopId: SopId, version: z.coerce.number().int().min(1) });
export const SopIdParams = z.strictObject({ sopId: SopId });
/**
 * The document is a bounded JSON object here, then checked in full by `SopDocument`; its
 * problems come back with their paths (SOP_INVALID).
 */
export const SopPublish = z.strictObject({ document: JsonDocument, basedOnVersion: z.number().int().min(1) });
/** An SOP draft to check: any value (a wrong one is answered as a problem), of bounded size. */
export const SopValidate = z.strictObject({ document: BoundedJson });
export const SopValidationResult = z.object({
  valid: z.boolean(),
  issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })),
});
export type SopValidationResult = z.infer<typeof SopValidationResult>;
export type SopIssue = SopValidationResult['issues'][number];

// ---------------------------------------------------------------------------------------------
// Business calendar

export const CalendarSettings = z.strictObject({
  /** 0 = Sunday ... 6 = Saturday. */
  weekendDays: z.array(z.number().int().min(0).max(6)).max(6),
  holidays: z.array(z.strictObject({ date: z.iso.date(), name: z.string().trim().min(1).max(200) })).max(500),
});
export type CalendarSettings = z.infer<typeof CalendarSettings>;
