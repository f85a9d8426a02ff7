import type { SopDocument, SopIssue, SopSummary } from '@opennrm/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { SOPS_KEY, sopsApi, useSopVersion } from '../../api/sops';
import { Dialog } from '../../components/dialog';
import { errorMessage } from '../../components/form-errors';
import { PageLoading } from '../../components/loading';
import { Notice } from '../../components/notice';
import { useWarnBeforeLeaving } from '../../lib/use-warn-before-leaving';
import { focusEditorAt, IssueList, JsonEditor, SyntaxProblem } from './sop-editor';
import { SopFrame } from './sop-frame';
import { diffJson, type JsonSyntaxError, parseJson, positionAt, type TextPosition } from './sop-json';
import { localText } from './sop-labels';

type Outcome =
  | { kind: 'syntax'; error: JsonSyntaxError }
  | { kind: 'issues'; issues: SopIssue[]; document: unknown }
  | { kind: 'unchanged' }
  | { kind: 'valid'; document: unknown }
  | { kind: 'failed'; error: unknown };

const pretty = (document: unknown) => `${JSON.stringify(document, null, 2)}\n`;

/** Parses the text, then asks the server's checker; the same checks as publishing. */
async function checkText(text: string, base: SopDocument): Promise<Outcome> {
  const parsed = parseJson(text);
  if (!parsed.ok) return { kind: 'syntax', error: parsed.error };
  const result = await sopsApi.validate(parsed.value);
  if (!result.valid) return { kind: 'issues', issues: result.issues, document: parsed.value };
  const changes = diffJson(base, parsed.value).filter((change) => change.path[0] !== 'version');
  return changes.length === 0 ? { kind: 'unchanged' } : { kind: 'valid', document: parsed.value };
}

function PublishDialog({
  summary,
  document,
  open,
  onClose,
  onStale,
  onInvalid,
  basedOn,
}: {
  summary: SopSummary;
  document: unknown;
  open: boolean;
  onClose: () => void;
  onStale: (latest: number) => void;
  onInvalid: (issues: SopIssue[]) => void;
  basedOn: number;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const next = basedOn + 1;
  const title = localText(summary.title, i18n.language);
  const existing = Object.values(summary.casesByVersion).reduce((sum, n) => sum + n, 0);
  const publish = useMutation({
    mutationFn: () => sopsApi.publish(summary.id, document, basedOn),
    onSuccess: async (published) => {
      await queryClient.invalidateQueries({ queryKey: [SOPS_KEY] });
      navigate(`/sops/${summary.id}?version=${published.version}`, {
        state: { flash: t('sops.edit.published', { version: published.version, title }) },
      });
    },
    onError: (error) => {
      if (isApiError(error, 'SOP_VERSION_STALE')) {
        const details = error.details as { latestVersion?: unknown } | undefined;
        onClose();
        onStale(typeof details?.latestVersion === 'number' ? details.latestVersion : next);
      } else if (isApiError(error, 'SOP_INVALID')) {
        const details = error.details as { issues?: SopIssue[] } | undefined;
        onClose();
        onInvalid(details?.issues ?? []);
      }
    },
  });
  const failure =
    publish.error &&
    !isApiError(publish.error, 'SOP_VERSION_STALE') &&
    !isApiError(publish.error, 'SOP_INVALID')
      ? publish.error
      : null;

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('sops.edit.confirmTitle', { version: next, title })}
      focusTitle
    >
      {failure ? <Notice tone="error" title={errorMessage(t, failure)} /> : null}
      <div className="dialog__body">
        <p>{t('sops.edit.confirmNew', { version: next })}</p>
        {existing > 0 ? <p>{t('sops.edit.confirmExisting', { count: existing })}</p> : null}
        <p>{t('sops.edit.confirmFinal')}</p>
      </div>
      <div className="button-group">
        <button
          type="button"
          className="button"
          onClick={() => publish.mutate()}
          disabled={publish.isPending}
        >
          {t('sops.edit.publish', { version: next })}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}

function Editor({
  summary,
  base,
  onRestart,
}: {
  summary: SopSummary;
  base: SopDocument;
  onRestart: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const initial = pretty(base);
  const [text, setText] = useState(initial);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [restarting, setRestarting] = useState(false);
  const [stale, setStale] = useState<number | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const [cursor, setCursor] = useState<TextPosition>({ offset: 0, line: 1, column: 1 });
  const editorRef = useRef<HTMLTextAreaElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const dirty = text !== initial;
  useWarnBeforeLeaving(dirty);

  useEffect(() => {
    if (focusRequest > 0) resultRef.current?.focus();
  }, [focusRequest]);

  const show = (next: Outcome) => {
    setOutcome(next);
    setFocusRequest((n) => n + 1);
  };
  const check = useMutation({
    mutationFn: () => checkText(text, base),
    onError: (error) => show({ kind: 'failed', error }),
  });
  const run = (publishAfter: boolean) =>
    check.mutate(undefined, {
      onSuccess: (result) => {
        if (publishAfter && result.kind === 'valid') {
          setOutcome(result);
          setConfirming(true);
        } else show(result);
      },
    });
  const goTo = (offset: number) => {
    focusEditorAt(editorRef.current, offset);
    setCursor(positionAt(text, offset));
  };
  const next = base.version + 1;

  return (
    <>
      <p>{t('sops.edit.intro')}</p>
      <p className="muted">{t('sops.edit.basedOn', { version: base.version })}</p>
      {stale !== null ? (
        <Notice tone="error" title={t('sops.edit.staleTitle')}>
          <p>{t('sops.edit.staleBody', { version: stale })}</p>
        </Notice>
      ) : null}
      <div ref={resultRef} tabIndex={-1} className="focus-target">
        {outcome?.kind === 'syntax' ? <SyntaxProblem error={outcome.error} onGoTo={goTo} /> : null}
        {outcome?.kind === 'issues' ? (
          <IssueList issues={outcome.issues} text={text} document={outcome.document} onGoTo={goTo} />
        ) : null}
        {outcome?.kind === 'unchanged' ? (
          <Notice tone="info" title={t('sops.edit.unchanged', { version: base.version })} />
        ) : null}
        {outcome?.kind === 'valid' && !confirming ? (
          <Notice tone="success" title={t('sops.edit.valid', { version: next })} />
        ) : null}
        {outcome?.kind === 'failed' ? <Notice tone="error" title={errorMessage(t, outcome.error)} /> : null}
      </div>
      <JsonEditor
        ref={editorRef}
        value={text}
        cursor={cursor}
        onCursor={setCursor}
        invalid={outcome?.kind === 'syntax' || outcome?.kind === 'issues'}
        onChange={(value) => {
          setText(value);
          if (outcome?.kind === 'valid' || outcome?.kind === 'unchanged') setOutcome(null);
        }}
      />
      <div className="button-group">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => run(false)}
          disabled={check.isPending}
        >
          {check.isPending ? t('sops.edit.checking') : t('sops.edit.check')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => run(true)}
          disabled={check.isPending || stale !== null}
        >
          {t('sops.edit.publish', { version: next })}
        </button>
        {dirty || stale !== null ? (
          <button type="button" className="button button--link" onClick={() => setRestarting(true)}>
            {t('sops.edit.restart')}
          </button>
        ) : null}
      </div>
      {outcome?.kind === 'valid' ? (
        <PublishDialog
          summary={summary}
          document={outcome.document}
          basedOn={base.version}
          open={confirming}
          onClose={() => setConfirming(false)}
          onStale={setStale}
          onInvalid={(issues) => show({ kind: 'issues', issues, document: outcome.document })}
        />
      ) : null}
      <Dialog
        open={restarting}
        onClose={() => setRestarting(false)}
        title={t('sops.edit.restartConfirm', { version: stale ?? base.version })}
        focusTitle
      >
        <div className="dialog__body">
          <p>{t('sops.edit.restartBody')}</p>
        </div>
        <div className="button-group">
          <button
            type="button"
            className="button button--warning"
            onClick={() => {
              setRestarting(false);
              void onRestart();
            }}
          >
            {t('sops.edit.discard')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setRestarting(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </Dialog>
    </>
  );
}

/**
 * The editor works on the version that was latest when the page opened: a list refreshed in
 * the background never replaces what the administrator is typing.
 */
function EditVersion({ summary }: { summary: SopSummary }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [start, setStart] = useState({ version: summary.latestVersion, generation: 0 });
  const base = useSopVersion(summary.id, start.version);

  async function restart(): Promise<void> {
    const fresh = await sopsApi.list();
    queryClient.setQueryData([SOPS_KEY, 'list'], fresh.items);
    const latest = fresh.items.find((sop) => sop.id === summary.id)?.latestVersion ?? start.version;
    setStart((old) => ({ version: latest, generation: old.generation + 1 }));
  }

  if (base.isPending) return <PageLoading />;
  if (base.isError) return <Notice tone="error" title={errorMessage(t, base.error)} />;
  return (
    <Editor
      key={`${start.version}:${start.generation}`}
      summary={summary}
      base={base.data}
      onRestart={restart}
    />
  );
}

export function SopEditPage() {
  const { t, i18n } = useTranslation();
  return (
    <SopFrame
      current="edit"
      title={(sop) => t('sops.edit.title', { title: localText(sop.title, i18n.language) })}
    >
      {(sop) => <EditVersion summary={sop} />}
    </SopFrame>
  );
}
