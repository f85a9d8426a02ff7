/** Vocabulary for synthetic cases (`synthetic-cases.ts`): weighted categories, officers, narratives. */
import type { Random, Weighted } from './synthetic-random.js';

// ---------------------------------------------------------------------------------------
// Vocabulary weights (realistic proportions for a Gulf protection centre)

export const ARAB_NATIONALITIES = new Set(['EG', 'SD', 'SY', 'MA']);

export const INTAKE_KINDS: Weighted<'walk_in' | 'hotline' | 'first_responder'> = [
  ['walk_in', 40],
  ['hotline', 35],
  ['first_responder', 25],
];
export const WALK_IN_CHANNELS: Weighted<string> = [
  ['walk_in', 70],
  ['embassy', 10],
  ['ngo', 8],
  ['police', 5],
  ['online_self_report', 5],
  ['other', 2],
];
export const FIRST_RESPONDER_CHANNELS: Weighted<string> = [
  ['labour_inspection', 35],
  ['health', 20],
  ['airport', 20],
  ['police', 15],
  ['ngo', 10],
];
export const CATEGORIES: Weighted<'labour_case' | 'abuse' | 'trafficking'> = [
  ['labour_case', 60],
  ['abuse', 22],
  ['trafficking', 18],
];
export const SUBTYPES: Record<'labour_case' | 'abuse' | 'trafficking', Weighted<string>> = {
  labour_case: [
    ['unpaid_wages', 45],
    ['contract_violation', 20],
    ['employer_transfer', 15],
    ['working_conditions', 15],
    ['other', 5],
  ],
  abuse: [
    ['physical', 45],
    ['psychological', 30],
    ['sexual', 15],
    ['other', 10],
  ],
  trafficking: [
    ['forced_labour', 35],
    ['domestic_servitude', 30],
    ['sexual_exploitation', 20],
    ['forced_criminality', 5],
    ['forced_begging', 4],
    ['organ_removal', 1],
    ['other', 5],
  ],
};
export const RISKS: Record<'labour_case' | 'abuse' | 'trafficking' | 'unscreened', Weighted<string>> = {
  labour_case: [
    ['urgent', 2],
    ['high', 10],
    ['medium', 48],
    ['low', 40],
  ],
  abuse: [
    ['urgent', 10],
    ['high', 35],
    ['medium', 40],
    ['low', 15],
  ],
  trafficking: [
    ['urgent', 20],
    ['high', 45],
    ['medium', 30],
    ['low', 5],
  ],
  unscreened: [
    ['urgent', 5],
    ['high', 15],
    ['medium', 70],
    ['low', 10],
  ],
};
export const REFERRAL_STATUSES: Weighted<string> = [
  ['sent', 20],
  ['acknowledged', 20],
  ['accepted', 25],
  ['in_progress', 25],
  ['completed', 10],
];

/** Indicators a first responder ticks, by what the case turns out to be. */
export const INDICATORS_BY_SUBTYPE: Record<string, readonly string[]> = {
  unpaid_wages: ['withholding_of_wages', 'debt_bondage'],
  contract_violation: ['deception', 'excessive_overtime'],
  employer_transfer: ['retention_of_identity_documents', 'intimidation_threats'],
  working_conditions: ['abusive_working_living_conditions', 'excessive_overtime'],
  physical: ['physical_sexual_violence', 'intimidation_threats'],
  sexual: ['physical_sexual_violence', 'isolation'],
  psychological: ['intimidation_threats', 'isolation'],
  forced_labour: ['debt_bondage', 'withholding_of_wages', 'restriction_of_movement'],
  domestic_servitude: ['restriction_of_movement', 'isolation', 'excessive_overtime'],
  sexual_exploitation: ['deception', 'restriction_of_movement', 'physical_sexual_violence'],
  forced_criminality: ['intimidation_threats', 'abuse_of_vulnerability'],
  forced_begging: ['abuse_of_vulnerability', 'restriction_of_movement'],
  organ_removal: ['deception', 'abuse_of_vulnerability'],
};

export const OFFICERS: Record<string, readonly string[]> = {
  labour_inspection: ['Inspector Ali H.', 'Inspector Maryam J.', 'Inspector Hussain A.', 'Inspector Sara K.'],
  police: ['Sgt. Ahmed K.', 'Lt. Fatima R.', 'Officer Jassim M.'],
  airport: ['Airport officer Yusuf R.', 'Airport officer Huda S.', 'Immigration desk, Terminal 1'],
  health: ['Nurse Mariam A.', 'Dr. Khalid N.', 'Social worker Zahra B.'],
  ngo: ['Community volunteer', 'Migrant support group caseworker', 'Church outreach worker'],
  embassy: ['Labour attaché', 'Consular officer', 'Welfare officer of the embassy'],
  other: ['A friend of the worker', 'A neighbour', 'A taxi driver'],
  hotline: ['the worker', 'a relative abroad', 'a neighbour', 'a friend', 'a co-worker'],
};

export const NARRATIVES: Record<string, readonly string[]> = {
  unpaid_wages: [
    '{S} says {p} salary has not been paid for {months} months.',
    '{S} was promised {amount} BHD a month but has received nothing since the start of the contract.',
    'The employer pays only part of the agreed wage and keeps the rest "for the ticket".',
  ],
  contract_violation: [
    'The job and the salary differ from the contract {s} signed at home.',
    '{S} was recruited as a shop assistant but is made to clean houses.',
  ],
  employer_transfer: [
    '{S} asks to transfer to a new employer; the sponsor refuses to release {o}.',
    'The employer has reported {o} as absconding after {s} asked for {p} wages.',
  ],
  working_conditions: [
    '{S} works {hours} hours a day without a weekly day off.',
    '{S} shares a room with {people} other workers and there is no running water.',
  ],
  physical: [
    '{S} reports being beaten by a member of the household.',
    '{S} has bruises on {p} arms and says the supervisor hit {o}.',
  ],
  psychological: [
    '{S} reports daily insults and threats to send {o} to prison.',
    'The employer threatens to report {o} to the police if {s} leaves.',
  ],
  sexual: [
    '{S} reports sexual harassment by a relative of the employer.',
    '{S} was assaulted at night in the accommodation.',
  ],
  forced_labour: [
    '{S} is made to work on construction sites without pay to repay a recruitment debt of {amount} BHD.',
    'Workers are locked in the camp after their shift; {s} has not been paid for {months} months.',
  ],
  domestic_servitude: [
    '{S} is locked in the house, has no phone and no day off for {months} months.',
    '{S} works for three households of the same family and sleeps in the kitchen.',
  ],
  sexual_exploitation: [
    '{S} was recruited for a hotel job, then forced to provide sexual services.',
    '{S} was told {s} owed {amount} BHD and had to work in a club until it was repaid.',
  ],
  forced_criminality: ['{S} was made to sell alcohol illegally and threatened with the police.'],
  forced_begging: ['{S} was dropped each day at a market to beg and had to hand over the money.'],
  organ_removal: ['{S} says the agent offered to clear {p} debt in exchange for a kidney.'],
  other: ['{S} describes a situation that does not fit the usual categories; details to follow.'],
  unscreened: [
    '{S} says {p} passport is held by the employer.',
    '{S} has not been paid and wants to go home.',
    '{S} left the employer\u2019s house and has nowhere to stay.',
  ],
};
export const NARRATIVE_OPENERS: Record<string, readonly string[]> = {
  hotline: ['Call from {caller}.', 'Anonymous call.', 'Call from {caller}; line dropped once.'],
  walk_in: [
    'Came to the centre in person.',
    'Came to the centre with a friend.',
    'Walked in after seeing a leaflet.',
  ],
  labour_inspection: ['Met during a site inspection.', 'Found during an inspection of the accommodation.'],
  health: ['Seen at a health centre with injuries.', 'Brought to the emergency department.'],
  airport: [
    'Airport staff noticed the passenger was distressed and had no passport.',
    'Stopped at departures with a ticket bought by an agent.',
  ],
  police: [
    'Brought to the police station by a passer-by.',
    'Came to the police station to report the employer.',
  ],
  ngo: ['Referred by a community organisation.'],
  embassy: ['Referred by the embassy after a call to its welfare desk.'],
  online_self_report: ['Self-report through the online form.'],
  other: ['Referred by a private individual.'],
};
export const NARRATIVE_CLOSERS = [
  '{S} wants to go home.',
  '{S} wants to change employer.',
  '{S} is afraid of the employer.',
  '{S} has no money for food.',
  '{S} asks for help to recover {p} passport.',
  '',
];

export function fillNarrative(rnd: Random, template: string, female: boolean, caller: string): string {
  const [s, o, p] = female ? ['she', 'her', 'her'] : ['he', 'him', 'his'];
  return template
    .replaceAll('{S}', s[0]!.toUpperCase() + s.slice(1))
    .replaceAll('{s}', s)
    .replaceAll('{o}', o)
    .replaceAll('{p}', p)
    .replaceAll('{months}', String(rnd.int(2, 14)))
    .replaceAll('{amount}', String(rnd.int(3, 30) * 50))
    .replaceAll('{hours}', String(rnd.int(14, 19)))
    .replaceAll('{people}', String(rnd.int(6, 14)))
    .replaceAll('{caller}', caller);
}
