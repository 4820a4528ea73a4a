// The two ways out: e-mail over SMTP (nodemailer) and the team messenger's incoming webhook (Slack or JANDI).
import nodemailer from 'nodemailer';
import type { Deliver } from './sender.ts';

/** A message in words, in its recipient's language (views/notices/message.ts renders it). */
export type Rendered = { subject: string; body: string; text: string; html: string; link: string | null };
export type Render = (m: Parameters<Deliver>[0]) => Rendered;

/** No delivery may outlast the sender's lease: each step times out after a third of it, at most 20 s. */
const timeoutFor = (leaseSeconds: number) => Math.min(20_000, Math.floor((leaseSeconds * 1000) / 3));

export type ChannelSettings = { SMTP_URL?: string; MAIL_FROM?: string; WEBHOOK_URL?: string; WEBHOOK_KIND: 'slack' | 'jandi'; NOTICE_LEASE_SECONDS?: number };

/** Sends e-mail through SMTP_URL: one pooled transport per process, so a batch reuses its connection. */
export function emailChannel(smtpUrl: string, from: string, timeoutMs: number) {
  const transport = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 2, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  return {
    send: async (to: string, m: Rendered) => {
      await transport.sendMail({ from, to, subject: m.subject, text: m.text, html: m.html });
    },
    close: () => transport.close(),
  };
}

/** The body each messenger's incoming webhook takes: Slack `{text}` with an <url|label> link, JANDI its connect card. */
export function webhookBody(kind: 'slack' | 'jandi', name: string, m: Rendered): { headers: Record<string, string>; body: string } {
  if (kind === 'jandi') {
    return {
      headers: { 'content-type': 'application/json', accept: 'application/vnd.tosslab.jandi-v2+json' },
      body: JSON.stringify({
        body: `${name}: ${m.subject}${m.link ? ` (${m.link})` : ''}`,
        connectColor: '#2563EB',
        connectInfo: [{ title: m.subject, description: m.link ? `${m.body}\n${m.link}` : m.body }],
      }),
    };
  }
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const link = m.link ? ` <${m.link}|${escape(m.subject)}>` : '';
  return { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: `*${escape(name)}*: ${escape(m.body)}${link}` }) };
}

/** Posts to WEBHOOK_URL; anything but a 2xx is a failure the sender retries. */
export function webhookChannel(url: string, kind: 'slack' | 'jandi', timeoutMs: number) {
  return {
    send: async (name: string, m: Rendered) => {
      const { headers, body } = webhookBody(kind, name, m);
      const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`the webhook answered ${res.status}`);
    },
  };
}

/** The sender's delivery function for the configured channels; a message for a channel that is gone fails (and retries). */
export function deliveryFor(settings: ChannelSettings, render: Render): { deliver: Deliver; close: () => void } {
  const timeoutMs = timeoutFor(settings.NOTICE_LEASE_SECONDS ?? 120);
  const email = settings.SMTP_URL ? emailChannel(settings.SMTP_URL, settings.MAIL_FROM ?? 'Pairwise <pairwise@localhost>', timeoutMs) : null;
  const hook = settings.WEBHOOK_URL ? webhookChannel(settings.WEBHOOK_URL, settings.WEBHOOK_KIND, timeoutMs) : null;
  return {
    deliver: async (m) => {
      const words = render(m);
      if (m.channel === 'email') {
        if (!email) throw new Error('SMTP_URL is not set');
        await email.send(m.payload.to, words);
      } else {
        if (!hook) throw new Error('WEBHOOK_URL is not set');
        await hook.send(m.payload.name, words);
      }
    },
    close: () => email?.close(),
  };
}
