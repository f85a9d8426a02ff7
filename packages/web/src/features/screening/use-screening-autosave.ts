import type { Answers, AnswerValue, ScreeningSuggestion } from '@opennrm/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { screeningApi } from '../../api/cases';

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error';
const DELAY_MS = 800;

/**
 * The interview's answers, saved as the interviewer goes: each change is sent ~0.8 s after
 * the last one (PUT replaces all answers, so only the newest state matters), one request at
 * a time; changes made while a save is under way are sent right after it. A change still
 * waiting when the page is left is sent at once.
 */
export function useScreeningAutosave(
  caseId: string,
  initial: Answers,
  onSaved: (suggestion: ScreeningSuggestion) => void,
) {
  const [answers, setAnswers] = useState<Answers>(initial);
  const [status, setStatus] = useState<SaveStatus>('idle');
  const [error, setError] = useState<unknown>(null);
  const latest = useRef(answers);
  const changes = useRef(0);
  const savedChange = useRef(0);
  const inFlight = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const save = useCallback(async (): Promise<boolean> => {
    window.clearTimeout(timer.current);
    if (inFlight.current) return false;
    if (savedChange.current === changes.current) return true;
    inFlight.current = true;
    const sending = changes.current;
    setStatus('saving');
    try {
      const suggestion = await screeningApi.save(caseId, latest.current);
      savedChange.current = sending;
      setError(null);
      onSavedRef.current(suggestion);
      inFlight.current = false;
      if (changes.current !== sending) return save();
      setStatus('saved');
      return true;
    } catch (failure) {
      inFlight.current = false;
      setError(failure);
      setStatus('error');
      return false;
    }
  }, [caseId]);

  const change = useCallback(
    (id: string, value: AnswerValue) => {
      const next = { ...latest.current };
      if (value === null) delete next[id];
      else next[id] = value;
      latest.current = next;
      changes.current += 1;
      setAnswers(next);
      setStatus('pending');
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void save(), DELAY_MS);
    },
    [save],
  );

  // Leaving the page with a change still waiting: send it now rather than lose it.
  useEffect(
    () => () => {
      window.clearTimeout(timer.current);
      if (changes.current !== savedChange.current && !inFlight.current) {
        void screeningApi.save(caseId, latest.current).catch(() => undefined);
      }
    },
    [caseId],
  );

  /** Sends any waiting change now; true when everything is saved. */
  const flush = useCallback(async () => {
    if (inFlight.current) {
      await new Promise((resolve) => window.setTimeout(resolve, 300));
      return flush();
    }
    return save();
  }, [save]);

  return { answers, status, error, change, retry: save, flush };
}
