import nodemailer from 'nodemailer';
import type { Config } from '../../config.js';
import type { MailLocale, MailText } from './email-text.js';

export interface OutgoingMail extends MailText {
  to: string;
  locale: MailLocale;
}

/** Sends emails over one SMTP connection pool; close it when the run is over. */
export interface Mailer {
  /** Rejects when the SMTP server refuses the email or cannot be reached. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** Links in emails point here: PUBLIC_URL, or this server on localhost when it is unset. */
export function publicBaseUrl(config: Config): string {
  return (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
}

/**
 * An SMTP mailer from SMTP_URL (smtp://user:pass@host:port, smtps:// for TLS from the start),
 * or undefined when it is unset. One per delivery run: its connections are reused for the run's
 * emails and closed after, so nothing stays open between runs.
 */
export function openMailer(config: Config): Mailer | undefined {
  const smtpUrl = config.mail.smtpUrl;
  if (!smtpUrl) return undefined;
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 2,
    // A slow or silent server must not hold the rows being sent (they are locked) for long.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      await transport.sendMail({
        from: config.mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        headers: {
          'Content-Language': mail.locale,
          // Out-of-office replies and auto-responders should not answer a notification.
          'Auto-Submitted': 'auto-generated',
        },
      });
    },
    close: () => transport.close(),
  };
}
