// The in-app notices list (/notices): every message a person was sent, newest first, unread ones marked.
import type { Locale, NoticeMessage } from '../../src/domain.ts';
import { EmptyState } from '../components.tsx';
import { formatRelative, t } from '../i18n/index.ts';
import { messageLines } from './message.ts';

export type NoticeRow = { id: number; message: NoticeMessage; createdAt: number; readAt: number | null };

export function NoticesPage(p: { notices: NoticeRow[]; locale: Locale; now: Date; limit: number }) {
  const unread = p.notices.some((n) => !n.readAt);
  return (
    <section class="narrow notices">
      <h1>{t('notices.title')}</h1>
      <p>{t('notices.intro')}</p>
      {unread && (
        <form method="post" action="/notices/read">
          <button type="submit" class="secondary">
            {t('notices.markAllRead')}
          </button>
        </form>
      )}
      {p.notices.length === 0 ? (
        <EmptyState>{t('notices.empty')}</EmptyState>
      ) : (
        <ul class="notice-list">
          {p.notices.map((n) => {
            const { subject, body } = messageLines(n.message, p.locale, p.now);
            return (
              <li class={n.readAt ? 'notice' : 'notice unread'}>
                <h2>
                  {!n.readAt && <span class="badge">{t('notices.unread')}</span>} {subject}
                </h2>
                <p>{body}</p>
                <div class="notice-meta">
                  <span>{t('notices.when', { when: formatRelative(n.createdAt, p.locale, p.now) })}</span>
                  {n.message.link && <a href={new URL(n.message.link).pathname + new URL(n.message.link).search}>{t('notices.open')}</a>}
                  {!n.readAt && (
                    <form method="post" action={`/notices/${n.id}/read`}>
                      <button type="submit" class="link">
                        {t('notices.markRead')}
                      </button>
                    </form>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {p.notices.length >= p.limit && <p class="hint">{t('notices.more', { count: p.limit })}</p>}
    </section>
  );
}
