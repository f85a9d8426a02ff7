import type { Answers, AnswerValue, CaseScreening, ScreeningSuggestion } from '@opennrm/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { screeningApi, screeningKey } from '../../api/cases';
import { isApiError } from '../../api/client';

/** `conflict`: someone else saved answers meanwhile (412/428); saving stops until reloaded. */
export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error' | 'conflict';
const DELAY_MS = 800;

const isConflict = (error: unknown) =>
  isApiError(error, 'PRECONDITION_FAILED') || isApiError(error, 'PRECONDITION_REQUIRED');

/** The version in an ETag such as `"v3"`, or null when there is none. */
function versionOf(etag: string | null): number | null {
  const match = etag ? /^(?:W\/)?"v(\d+)"$/.exec(etag.trim()) : null;
  return match ? Number(match[1]) : null;
}

/**
 * The interview's answers, saved as the interviewer goes: each change is sent ~0.8 s after
 * the last one (PUT replaces all answers, so only the newest state matters), one request at
 * a time; changes made while a save is under way are sent right after it. A change still
 * waiting when the page is left is sent at once.
 *
 * Saves are conditional: the first (no screening yet) has no ETag, every later one sends
 * If-Match with the ETag read with the interview or answered by the previous save. Because
 * only one save is ever in flight, our own saves never conflict; when someone else saved
 * meanwhile (412), autosaving stops with status `conflict` and the answers typed stay on screen.
 */
export function useScreeningAutosave(
  caseId: string,
  initial: Answers,
  initialEtag: string | null,
  onSaved: (suggestion: ScreeningSuggestion) => void,
) {
  const queryClient = useQueryClient();
  const [answers, setAnswers] = useState<Answers>(initial);
  const [status, setStatus] = useState<SaveStatus>('idle');
  const [error, setError] = useState<unknown>(null);
  const latest = useRef(answers);
  const etag = useRef(initialEtag);
  const stale = useRef(false);
  const changes = useRef(0);
  const savedChange = useRef(0);
  const inFlight = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const save = useCallback(async (): Promise<boolean> => {
    window.clearTimeout(timer.current);
    if (stale.current) return false;
    if (inFlight.current) return false;
    if (savedChange.current === changes.current) return true;
    inFlight.current = true;
    const sending = changes.current;
    const sent = latest.current;
    setStatus('saving');
    try {
      const result = await screeningApi.save(caseId, sent, etag.current);
      etag.current = result.etag;
      savedChange.current = sending;
      // Keep the cached interview (and its version) in step, so coming back to it later
      // starts from what was saved rather than from an ETag our own save made stale.
      const version = versionOf(result.etag);
      const key = screeningKey(caseId);
      const cached = queryClient.getQueryData<{ screening: CaseScreening | null }>(key);
      if (cached?.screening && version !== null) {
        queryClient.setQueryData(key, {
          screening: { ...cached.screening, answers: sent, suggestion: result.data, version },
        });
      } else {
        void queryClient.invalidateQueries({ queryKey: key });
      }
      setError(null);
      onSavedRef.current(result.data);
      inFlight.current = false;
      if (changes.current !== sending) return save();
      setStatus('saved');
      return true;
    } catch (failure) {
      inFlight.current = false;
      setError(failure);
      if (isConflict(failure)) {
        stale.current = true;
        setStatus('conflict');
      } else {
        setStatus('error');
      }
      return false;
    }
  }, [caseId, queryClient]);

  const change = useCallback(
    (id: string, value: AnswerValue) => {
      const next = { ...latest.current };
      if (value === null) delete next[id];
      else next[id] = value;
      latest.current = next;
      changes.current += 1;
      setAnswers(next);
      window.clearTimeout(timer.current);
      // After a conflict the answers stay editable on screen, but nothing more is sent.
      if (stale.current) return;
      setStatus('pending');
      timer.current = window.setTimeout(() => void save(), DELAY_MS);
    },
    [save],
  );

  // Leaving the page with a change still waiting: send it now rather than lose it. When a
  // save is under way, it sends the newest answers itself once it is answered.
  useEffect(
    () => () => {
      window.clearTimeout(timer.current);
      void save();
    },
    [save],
  );

  /** Sends any waiting change now; true when everything is saved. */
  const flush = useCallback(async (): Promise<boolean> => {
    if (stale.current) return false;
    if (inFlight.current) {
      await new Promise((resolve) => window.setTimeout(resolve, 300));
      return flush();
    }
    return save();
  }, [save]);

  return { answers, status, error, change, retry: save, flush };
}
