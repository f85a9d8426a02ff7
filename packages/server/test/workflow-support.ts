import { ILO_INDICATORS } from '@opennrm/domain';
import { expect } from 'vitest';
import type { Client } from './harness.js';

export function traffickingAnswers() {
  const answers: Record<string, unknown> = {
    act_elements: ['recruitment', 'transportation'],
    means_elements: ['fraud'],
    purpose_elements: ['forced_labour_or_services'],
    still_in_situation: 'no',
  };
  for (const i of ILO_INDICATORS) answers[`ilo_${i}`] = 'no';
  answers.ilo_deception = 'yes';
  answers.ilo_retention_of_identity_documents = 'yes';
  return answers;
}

/** A Philippine adult, screened as trafficking (forced labour) by the case manager. */
export async function screenedTraffickingCase(client: Client) {
  const created = await client.post('/api/cases', {
    intakeKind: 'walk_in',
    channel: 'walk_in',
    person: { nameLatin: 'Rowena Bautista', dateOfBirth: '1990-02-01', nationality: 'PH' },
    narrative: 'Recruited for a hotel job, made to work in a house, passport taken.',
  });
  const id = created.json().id as string;
  const saved = await client.request('PUT', `/api/cases/${id}/screening`, { answers: traffickingAnswers() });
  expect(saved.statusCode).toBe(200);
  const confirmed = await client.post(`/api/cases/${id}/screening/confirm`, {
    category: 'trafficking',
    subtype: 'forced_labour',
    risk: 'high',
  });
  expect(confirmed.statusCode).toBe(200);
  return id;
}
