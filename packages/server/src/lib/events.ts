import type {
  CaseCategory,
  CaseSubtype,
  ConsentPurpose,
  ConsentStatus,
  OrganisationKind,
  RiskLevel,
  TaskStatus,
} from '@opennrm/domain';
import type { ActContext } from './act-context.js';

/**
 * What one feature tells the others happened, by name. A feature emits; the features that must
 * react subscribe in `createServices` (services.ts), so no feature imports another to cause a
 * side effect. Payloads carry identifiers and enum values only, never a person's data.
 */
export interface DomainEvents {
  /** A case got (or lost) its case manager. */
  'case.assigned': { caseId: string; assigneeId: string | null };
  /** A case's risk level changed (a case edit or a follow-up). */
  'case.risk-changed': { caseId: string; risk: RiskLevel };
  /** The NRM team confirmed a case's category after screening. */
  'screening.confirmed': {
    caseId: string;
    decision: { category: CaseCategory; subtype: CaseSubtype | null; risk: RiskLevel };
  };
  /** A consent of the person was recorded or withdrawn. */
  'consent.recorded': {
    caseId: string;
    consent: { purpose: ConsentPurpose; organisationKind: OrganisationKind | null; status: ConsentStatus };
  };
  /** A task was added to a case by hand (its row is written): the SOP engine adds it to its tasks. */
  'task.added': { caseId: string; key: string; mandatory: boolean; dueAt: string | null };
  /** A task was completed, cancelled or reopened (its row is written): the SOP engine follows. */
  'task.status-set': { caseId: string; key: string; status: TaskStatus };
}

export type EventName = keyof DomainEvents;
export type EventHandler<K extends EventName> = (c: ActContext, payload: DomainEvents[K]) => Promise<void>;

/**
 * An in-process, synchronous bus: `emit` runs every handler in order, in the emitter's
 * transaction (`c.db`), and rejects with the first handler's error, so a side effect that fails
 * rolls the whole change back: no half-applied change, no lost event.
 */
export class EventBus {
  readonly #handlers = new Map<EventName, EventHandler<never>[]>();

  on<K extends EventName>(name: K, handler: EventHandler<K>): void {
    const list = this.#handlers.get(name) ?? [];
    list.push(handler as unknown as EventHandler<never>);
    this.#handlers.set(name, list);
  }

  async emit<K extends EventName>(c: ActContext, name: K, payload: DomainEvents[K]): Promise<void> {
    for (const handler of this.#handlers.get(name) ?? [])
      await (handler as unknown as EventHandler<K>)(c, payload);
  }

  /** How many handlers listen to an event (the composition test checks every event has one). */
  listeners(name: EventName): number {
    return this.#handlers.get(name)?.length ?? 0;
  }
}
