// A message in words for one language: subject, plain text and HTML of an e-mail (the messenger and the
// notices list use the subject and text). Rendered when sent, with the recipient's catalog, not the request's.
import type { Locale, NoticeMessage } from '../../src/domain.ts';
import { formatDay, formatRelative, translator, type Translate } from '../i18n/index.ts';

export type MessageWords = { subject: string; body: string; text: string; html: string; link: string | null };

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** A list of names in a sentence: "A, B and C" / "A, B, C". */
function list(tr: Translate, names: string[]): string {
  if (names.length <= 1) return names.join('');
  return tr('notices.and', { a: names.slice(0, -1).join(', '), b: names.at(-1)! });
}

/** The subject and the sentence of a message. */
export function messageLines(m: NoticeMessage, lang: Locale, now: Date): { subject: string; body: string } {
  const tr = translator(lang);
  const day = (d: string) => formatDay(dayMs(d), lang, now);
  switch (m.kind) {
    case 'invitation': {
      const provider = m.params.provider ?? null;
      const company = provider ? tr('invite.sso.body', { provider }) : tr('invite.sso.bodyNoName');
      if (m.params.via === 'sso') return { subject: tr('invite.sso.subject'), body: company };
      const body = tr('notices.invitation.body');
      if (m.params.via === 'both') return { subject: tr('notices.invitation.subject'), body: `${body}\n${provider ? tr('invite.also', { provider }) : tr('invite.alsoNoName')}` };
      return { subject: tr('notices.invitation.subject'), body };
    }
    case 'dueItem': {
      const p = { deal: m.params.deal, item: m.params.item, due: day(m.params.due) };
      return m.params.late
        ? { subject: tr('notices.dueItem.subjectLate', p), body: tr('notices.dueItem.bodyLate', p) }
        : { subject: tr('notices.dueItem.subject', p), body: tr('notices.dueItem.body', p) };
    }
    case 'digest': {
      const areas = m.params.areas.map((a) => `${a.name} (${formatRelative(a.confirmedAt, lang, now)})`).join(', ');
      return { subject: tr('notices.digest.subject', { count: m.params.areas.length }), body: tr('notices.digest.body', { areas }) };
    }
    case 'study': {
      const p = { day: day(m.params.day), time: m.params.time, season: m.params.season, paper: m.params.paper ? `“${m.params.paper}”` : tr('notices.study.noPaper') };
      return m.params.role === 'presenter'
        ? { subject: tr('notices.study.presenter.subject', p), body: tr('notices.study.presenter.body', p) }
        : { subject: tr('notices.study.reviewer.subject', p), body: tr('notices.study.reviewer.body', p) };
    }
    case 'round': {
      if (m.params.partners.length === 0) return { subject: tr('notices.round.subjectSolo'), body: tr('notices.round.bodySolo') };
      const partners = list(tr, m.params.partners);
      return { subject: tr('notices.round.subject', { partners }), body: tr('notices.round.body', { partners }) };
    }
    case 'dealReview':
      return { subject: tr('notices.dealReview.subject', { deal: m.params.deal }), body: tr(`notices.dealReview.${m.params.reason}`, { deal: m.params.deal, partner: m.params.partner }) };
  }
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The whole e-mail for `name` in `lang`. */
export function renderMessage(m: NoticeMessage, lang: Locale, name: string, now: Date): MessageWords {
  const tr = translator(lang);
  const { subject, body } = messageLines(m, lang, now);
  const profile = m.link ? new URL('/profile', m.link).href : null;
  const footer = profile ? tr('notices.mail.footer', { url: profile }) : tr('notices.mail.footerNoLink');
  const greeting = tr('notices.mail.greeting', { name });
  const text = [greeting, '', body, ...(m.link ? ['', m.link] : []), '', '--', footer].join('\n');
  const html = [
    `<!doctype html><html lang="${lang}"><body>`,
    `<p>${escape(greeting)}</p>`,
    `<p>${escape(body)}</p>`,
    m.link ? `<p><a href="${escape(m.link)}">${escape(m.kind === 'invitation' ? m.link : tr('notices.mail.open'))}</a></p>` : '',
    `<hr><p><small>${escape(footer)}</small></p>`,
    '</body></html>',
  ].join('');
  return { subject, body, text, html, link: m.link };
}
