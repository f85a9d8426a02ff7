import {
  type Actor,
  type CaseAccess,
  type CaseListQuery,
  type CasePage,
  caseAccess,
  caseAccessGrants,
  classifyCaseSearch,
} from '@opennrm/domain';
import type { AuditContext } from '../../lib/act-context.js';
import { AppError } from '../../lib/app-error.js';
import { decodeCursor, decodeInstantIdCursor, encodeCursor } from '../../lib/sql.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../audit/index.js';
import { documentIndex, phoneIndex } from '../persons/index.js';
import {
  type CaseListAfter,
  type CaseListSearch,
  countCases,
  listCases,
  loadAccessFactsOfRows,
} from './cases.repository.js';
import { screeningOutcome } from './cases.service.js';

/*
 * The case list: search (reference, identifier through the blind index, or name parts), the
 * keyset cursor, and each row as the actor may see it. Which cases and which filters match is
 * decided by the access module's SQL twin in the repository (`case-visibility.sql.ts`); which
 * fields a row shows, by `caseAccess` on each row's facts, batched for the page.
 */

/**
 * The search box's text as the list searches it: a reference by prefix, a document or phone
 * number by the blind index of its normalised value (never by name), or name parts.
 */
function listSearch(services: Services, text: string): CaseListSearch {
  const search = classifyCaseSearch(text);
  if (search.kind !== 'identifier') return search;
  return {
    kind: 'identifier',
    documentIndexes: search.documentNumbers.map((n) => documentIndex(services.crypto, n)),
    phoneIndexes: search.phones.map((p) => phoneIndex(services.crypto, p)),
  };
}

export async function listCasePage(
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  q: CaseListQuery,
): Promise<CasePage> {
  const after = decodeListCursor(q);
  const found = q.q ? listSearch(services, q.q) : undefined;
  const [rows, total] = await Promise.all([
    listCases(services.db, actor, q, found, after),
    countCases(services.db, actor, q, found, services.config.caseCountTimeoutMs),
  ]);
  const items = rows.slice(0, q.limit);
  const accessOf = await accessFor(services, actor, items);
  const { cursor: _c, limit: _l, q: search, ...filters } = q;
  await recordAudit(
    services.db,
    ctx,
    { action: 'case.listed', details: { filters, searched: !!search, returned: items.length } },
    services.now(),
  );
  const last = items[items.length - 1];
  return {
    items: items.map((r) => {
      const access = accessOf.get(r.id) ?? ({ read: false } as const);
      return {
        id: r.id,
        reference: r.reference,
        stage: r.stage,
        ...screeningOutcome(r, access),
        channel: r.channel,
        intakeKind: r.intake_kind,
        receivedAt: r.received_at.toISOString(),
        assignedTo: r.assigned_to ? { id: r.assigned_to, displayName: r.assignee_name ?? '' } : null,
        person:
          access.read && access.sections.includes('person')
            ? { nameLatin: r.name_latin, nameArabic: r.name_arabic, nationality: r.nationality }
            : null,
      };
    }),
    nextCursor: rows.length > q.limit && last ? encodeListCursor(q, last) : null,
    total,
  };
}

/**
 * The list's keyset cursor: `<instant>|<id>` of the last row; in the intake queue, which puts
 * urgent intakes first, prefixed with `1|` or `0|` for whether that row was urgent.
 */
function encodeListCursor(q: CaseListQuery, last: { received_at: Date; id: string; urgent_first: boolean }) {
  const key = `${last.received_at.toISOString()}|${last.id}`;
  return encodeCursor(q.view === 'intake' ? `${last.urgent_first ? 1 : 0}|${key}` : key);
}

function decodeListCursor(q: CaseListQuery): CaseListAfter | undefined {
  if (q.view !== 'intake') {
    const decoded = decodeInstantIdCursor(q.cursor);
    return decoded ? { receivedAt: new Date(decoded.at), id: decoded.id } : undefined;
  }
  const text = decodeCursor(q.cursor);
  if (text === undefined) return undefined;
  const flag = text.slice(0, 2);
  if (flag !== '1|' && flag !== '0|') {
    throw new AppError('BAD_REQUEST', 'The cursor is not valid: start again from the first page');
  }
  const decoded = decodeInstantIdCursor(encodeCursor(text.slice(2)))!;
  return { receivedAt: new Date(decoded.at), id: decoded.id, urgent: flag === '1|' };
}

/** The actor's access to each case of a page (which sections its row may show), in two batched queries. */
async function accessFor(
  services: Services,
  actor: Actor,
  rows: { id: string; created_by: string | null; nationality: string | null; duplicate_check: string }[],
): Promise<Map<string, CaseAccess>> {
  const result = new Map<string, CaseAccess>();
  if (rows.length === 0) return result;
  if (caseAccessGrants(actor).all) {
    const all = caseAccess(actor, {
      createdBy: null,
      personNationality: null,
      embassyConsentGiven: false,
      referrals: [],
    });
    for (const r of rows) result.set(r.id, all);
    return result;
  }
  const facts = await loadAccessFactsOfRows(services.db, rows);
  for (const r of rows) result.set(r.id, caseAccess(actor, facts.get(r.id)!));
  return result;
}
