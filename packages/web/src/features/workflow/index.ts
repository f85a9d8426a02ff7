/** The workflow feature's public API: other features import it only from here. */
export { BlockerList } from './blockers';
export { ChangeFeedbackNotice } from './change-feedback';
export { useWorkflowChange } from './use-workflow-change';
export { DueDate, useStageTitle } from './workflow-labels';
export { WorkflowPanel } from './workflow-panel';
