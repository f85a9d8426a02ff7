import { EMAIL_NOTIFICATION_KINDS, type NotificationPreferences } from '@opennrm/domain';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotificationPreferences, useSaveNotificationPreferences } from '../../api/notifications';
import { CheckboxField } from '../../components/checkbox-field';
import { errorMessage } from '../../components/form-errors';
import { SkeletonRows } from '../../components/loading';
import { Notice } from '../../components/notice';

type EmailKind = NotificationPreferences['email'][number];

function PreferencesForm({ initial }: { initial: NotificationPreferences }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState<EmailKind[]>(initial.email);
  const [dailyDigest, setDailyDigest] = useState(initial.dailyDigest);
  const [saved, setSaved] = useState(false);
  const save = useSaveNotificationPreferences();

  function toggle(kind: EmailKind, on: boolean): void {
    setSaved(false);
    setEmail((old) => EMAIL_NOTIFICATION_KINDS.filter((k) => (k === kind ? on : old.includes(k))));
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setSaved(false);
    save.mutate({ email, dailyDigest }, { onSuccess: () => setSaved(true) });
  }

  return (
    <form onSubmit={submit} noValidate>
      {saved ? <Notice tone="success" title={t('notifications.preferences.saved')} /> : null}
      {save.isError ? <Notice tone="error" title={errorMessage(t, save.error)} /> : null}
      <fieldset className="fieldset">
        <legend className="fieldset__legend">{t('notifications.preferences.kindsLegend')}</legend>
        {EMAIL_NOTIFICATION_KINDS.map((kind) => (
          <CheckboxField
            key={kind}
            id={`notify-email-${kind}`}
            label={t(`notifications.preferences.kinds.${kind}`)}
            checked={email.includes(kind)}
            onCheckedChange={(on) => toggle(kind, on)}
          />
        ))}
      </fieldset>
      <fieldset className="fieldset">
        <legend className="fieldset__legend">{t('notifications.preferences.deliveryLegend')}</legend>
        <p className="hint">{t('notifications.preferences.digestHint')}</p>
        <CheckboxField
          id="notify-digest"
          label={t('notifications.preferences.digest')}
          checked={dailyDigest}
          onCheckedChange={(on) => {
            setSaved(false);
            setDailyDigest(on);
          }}
        />
      </fieldset>
      <button type="submit" className="button" disabled={save.isPending}>
        {t('notifications.preferences.save')}
      </button>
    </form>
  );
}

/** Which notifications also come by email, and whether one by one or as a daily summary. */
export function NotificationPreferencesSection() {
  const { t } = useTranslation();
  const preferences = useNotificationPreferences();
  return (
    <section className="section" aria-labelledby="notification-preferences-heading">
      <h2 className="heading-m" id="notification-preferences-heading">
        {t('notifications.preferences.title')}
      </h2>
      <p>{t('notifications.preferences.intro')}</p>
      <p className="hint">{t('notifications.preferences.addressHint')}</p>
      {preferences.isPending ? (
        <SkeletonRows rows={3} />
      ) : preferences.isError ? (
        <Notice tone="error" title={errorMessage(t, preferences.error)} />
      ) : (
        <PreferencesForm initial={preferences.data} />
      )}
    </section>
  );
}
