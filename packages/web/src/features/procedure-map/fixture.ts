import type { ProcedureMap } from '@opennrm/domain';

/**
 * A realistic procedure map for development and tests, in the shape the server answers: an adult
 * trafficking case (domestic servitude) received on 2 November, screened, now in referral and
 * assistance. Police investigation completed; the shelter is working with the person; the
 * Philippines embassy has not answered the request for a travel document and is overdue.
 */

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const POLICE = id(101);
const SHELTER = id(102);
const EMBASSY = id(103);

const text = (en: string, ar: string) => ({ en, ar });

type Task = ProcedureMap['tasks'][number];
function task(n: number, fields: Partial<Task> & Pick<Task, 'title' | 'createdAt'>): Task {
  return {
    id: id(200 + n),
    stage: 'referral_assistance',
    ownerName: 'Mariam Haddad',
    mandatory: true,
    status: 'done',
    dueAt: null,
    completedAt: null,
    overdue: false,
    referralId: null,
    ...fields,
  };
}

export const procedureMapFixture: ProcedureMap = {
  reference: 'NRM-2026-000142',
  category: 'trafficking',
  subtype: 'domestic_servitude',
  receivedAt: '2026-11-02T09:15:00.000Z',
  closedAt: null,
  now: '2026-11-24T10:00:00.000Z',
  stages: [
    {
      id: 'received',
      title: text('Received', 'استلام الحالة'),
      status: 'done',
      enteredAt: '2026-11-02T09:15:00.000Z',
      leftAt: '2026-11-02T15:40:00.000Z',
      skipReason: null,
    },
    {
      id: 'screening',
      title: text('Screening', 'الفحص الأولي'),
      status: 'done',
      enteredAt: '2026-11-02T15:40:00.000Z',
      leftAt: '2026-11-05T11:00:00.000Z',
      skipReason: null,
    },
    {
      id: 'referral_assistance',
      title: text('Referral and assistance', 'الإحالة والمساعدة'),
      status: 'current',
      enteredAt: '2026-11-05T11:00:00.000Z',
      leftAt: null,
      skipReason: null,
    },
    {
      id: 'proceedings',
      title: text('Legal and administrative proceedings', 'الإجراءات القانونية والإدارية'),
      status: 'upcoming',
      enteredAt: null,
      leftAt: null,
      skipReason: null,
    },
    {
      id: 'resolution',
      title: text(
        'Resolution (reintegration or voluntary return)',
        'تسوية الحالة (إعادة الإدماج أو العودة الطوعية)',
      ),
      status: 'upcoming',
      enteredAt: null,
      leftAt: null,
      skipReason: null,
    },
    {
      id: 'follow_up',
      title: text('Follow-up', 'المتابعة'),
      status: 'upcoming',
      enteredAt: null,
      leftAt: null,
      skipReason: null,
    },
    {
      id: 'closed',
      title: text('Closed', 'إغلاق الحالة'),
      status: 'upcoming',
      enteredAt: null,
      leftAt: null,
      skipReason: null,
    },
  ],
  referrals: [
    {
      id: POLICE,
      organisationName: 'Capital Police – Anti-Trafficking Unit',
      organisationKind: 'police',
      purpose: 'investigation',
      status: 'completed',
      sentAt: '2026-11-05T12:00:00.000Z',
      respondedAt: '2026-11-05T16:30:00.000Z',
      concludedAt: '2026-11-12T10:00:00.000Z',
      overdue: false,
    },
    {
      id: SHELTER,
      organisationName: 'Dar Al-Aman Shelter',
      organisationKind: 'shelter',
      purpose: 'shelter',
      status: 'in_progress',
      sentAt: '2026-11-05T12:10:00.000Z',
      respondedAt: '2026-11-05T14:00:00.000Z',
      concludedAt: null,
      overdue: false,
    },
    {
      id: EMBASSY,
      organisationName: 'Embassy of the Philippines',
      organisationKind: 'embassy',
      purpose: 'travel_document',
      status: 'sent',
      sentAt: '2026-11-10T09:00:00.000Z',
      respondedAt: null,
      concludedAt: null,
      overdue: true,
    },
  ],
  tasks: [
    task(1, {
      stage: 'received',
      title: text('Acknowledge receipt of the case', 'الإقرار باستلام الحالة'),
      createdAt: '2026-11-02T09:15:00.000Z',
      dueAt: '2026-11-03T09:15:00.000Z',
      completedAt: '2026-11-02T10:02:00.000Z',
    }),
    task(2, {
      stage: 'received',
      title: text('Immediate safety assessment', 'تقييم فوري للسلامة'),
      createdAt: '2026-11-02T09:15:00.000Z',
      dueAt: '2026-11-02T13:15:00.000Z',
      completedAt: '2026-11-02T12:30:00.000Z',
    }),
    task(3, {
      stage: 'received',
      title: text('Assign a case manager', 'تعيين مدير للحالة'),
      ownerName: 'Samir Khoury',
      createdAt: '2026-11-02T09:15:00.000Z',
      dueAt: '2026-11-03T09:15:00.000Z',
      completedAt: '2026-11-02T15:40:00.000Z',
    }),
    task(4, {
      stage: 'screening',
      title: text('Full indicator interview with an interpreter', 'مقابلة كاملة حول المؤشرات بحضور مترجم'),
      createdAt: '2026-11-02T15:40:00.000Z',
      dueAt: '2026-11-03T15:40:00.000Z',
      completedAt: '2026-11-04T10:00:00.000Z',
    }),
    task(5, {
      stage: 'screening',
      title: text(
        'Presumed-victim decision by the NRM',
        'قرار الآلية الوطنية للإحالة بشأن اعتبار الشخص ضحية محتملة',
      ),
      ownerName: 'Samir Khoury',
      createdAt: '2026-11-02T15:40:00.000Z',
      dueAt: '2026-11-09T15:40:00.000Z',
      completedAt: '2026-11-05T10:45:00.000Z',
    }),
    task(6, {
      stage: 'screening',
      title: text('Start the recovery and reflection period', 'بدء فترة التعافي والتفكير'),
      createdAt: '2026-11-02T15:40:00.000Z',
      dueAt: '2026-11-09T15:40:00.000Z',
      completedAt: '2026-11-05T11:00:00.000Z',
    }),
    task(7, {
      stage: 'proceedings',
      title: text('Record the police report number', 'تسجيل رقم البلاغ لدى الشرطة'),
      ownerName: 'Cpt. Yusuf Nasser',
      mandatory: false,
      createdAt: '2026-11-05T16:30:00.000Z',
      dueAt: '2026-11-10T16:30:00.000Z',
      completedAt: '2026-11-06T09:20:00.000Z',
      referralId: POLICE,
    }),
    task(8, {
      title: text('Security briefing', 'إحاطة أمنية'),
      ownerName: 'Dar Al-Aman Shelter',
      createdAt: '2026-11-05T14:00:00.000Z',
      dueAt: '2026-11-06T14:00:00.000Z',
      completedAt: '2026-11-06T11:00:00.000Z',
      referralId: SHELTER,
    }),
    task(9, {
      title: text('Medical check-up', 'فحص طبي'),
      ownerName: 'Dar Al-Aman Shelter',
      createdAt: '2026-11-05T14:00:00.000Z',
      dueAt: '2026-11-09T14:00:00.000Z',
      completedAt: '2026-11-08T09:30:00.000Z',
      referralId: SHELTER,
    }),
    task(10, {
      title: text('Legal advice', 'استشارة قانونية'),
      ownerName: 'Dar Al-Aman Shelter',
      status: 'open',
      createdAt: '2026-11-05T14:00:00.000Z',
      dueAt: '2026-11-12T14:00:00.000Z',
      overdue: true,
      referralId: SHELTER,
    }),
    task(11, {
      title: text('Social and psychological assessment', 'تقييم اجتماعي ونفسي'),
      ownerName: 'Dar Al-Aman Shelter',
      status: 'open',
      createdAt: '2026-11-05T14:00:00.000Z',
      dueAt: '2026-11-26T14:00:00.000Z',
      referralId: SHELTER,
    }),
    task(12, {
      title: text('Travel document from the embassy', 'وثيقة سفر من السفارة'),
      ownerName: 'Embassy of the Philippines',
      status: 'open',
      createdAt: '2026-11-10T09:00:00.000Z',
      dueAt: '2026-11-17T09:00:00.000Z',
      overdue: true,
      referralId: EMBASSY,
    }),
  ],
  followUps: [],
};

/**
 * The same person's case months later, closed after voluntary return: proceedings skipped (no
 * complaint was filed), follow-ups under way, one of them overdue. For the layout's edge cases.
 */
export const closedProcedureMapFixture: ProcedureMap = {
  ...procedureMapFixture,
  closedAt: '2027-01-20T12:00:00.000Z',
  now: '2027-05-02T09:00:00.000Z',
  stages: procedureMapFixture.stages.map((stage) => {
    const dates: Record<string, [ProcedureMap['stages'][number]['status'], string | null, string | null]> = {
      referral_assistance: ['done', '2026-11-05T11:00:00.000Z', '2026-12-14T09:00:00.000Z'],
      proceedings: ['skipped', null, null],
      resolution: ['done', '2026-12-14T09:00:00.000Z', '2027-01-08T15:00:00.000Z'],
      follow_up: ['done', '2027-01-08T15:00:00.000Z', '2027-01-20T12:00:00.000Z'],
      closed: ['current', '2027-01-20T12:00:00.000Z', null],
    };
    const change = dates[stage.id];
    if (!change) return stage;
    const [status, enteredAt, leftAt] = change;
    return {
      ...stage,
      status,
      enteredAt,
      leftAt,
      skipReason: status === 'skipped' ? 'No complaint filed; the person chose not to cooperate.' : null,
    };
  }),
  referrals: procedureMapFixture.referrals.map((referral) =>
    referral.id === SHELTER
      ? { ...referral, status: 'completed', concludedAt: '2027-01-08T10:00:00.000Z' }
      : referral.id === EMBASSY
        ? {
            ...referral,
            status: 'completed',
            respondedAt: '2026-11-25T08:00:00.000Z',
            concludedAt: '2026-12-20T10:00:00.000Z',
            overdue: false,
          }
        : referral,
  ),
  tasks: procedureMapFixture.tasks.map((t) =>
    t.status === 'open'
      ? {
          ...t,
          status: 'done',
          overdue: false,
          completedAt: t.dueAt && t.dueAt > '2026-11-25' ? t.dueAt : '2026-11-25T12:00:00.000Z',
        }
      : t,
  ),
  followUps: [
    {
      round: 1,
      index: 0,
      dueAt: '2027-01-22T09:00:00.000Z',
      done: true,
      reached: true,
      situation: 'Back home with family; looking for work.',
      riskAfter: 'low',
      recordedAt: '2027-01-22T10:30:00.000Z',
      recordedBy: 'Mariam Haddad',
      overdue: false,
    },
    {
      round: 1,
      index: 1,
      dueAt: '2027-04-20T09:00:00.000Z',
      done: false,
      reached: null,
      situation: null,
      riskAfter: null,
      recordedAt: null,
      recordedBy: null,
      overdue: true,
    },
    {
      round: 1,
      index: 2,
      dueAt: '2027-07-20T09:00:00.000Z',
      done: false,
      reached: null,
      situation: null,
      riskAfter: null,
      recordedAt: null,
      recordedBy: null,
      overdue: false,
    },
  ],
};
