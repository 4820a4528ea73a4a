// The member list, the add/edit form and the one-time link notice.
import type { CurrentUser, FieldErrors, FormValues } from '../../src/domain.ts';
import { EmptyState, ErrorSummary, VersionInput } from '../components.tsx';
import { keyFor, t } from '../i18n/index.ts';
import { Field, Select } from '../ui/field.tsx';
import { ListTable } from '../ui/list-table.tsx';

export type MemberRow = { id: number; name: string; email: string; role: string; capacity: number; active: boolean; version: number; rated: number };

const ROLES = ['member', 'manager'] as const;

export function MemberForm(p: { action: string; member?: MemberRow; values?: FormValues; errors?: FieldErrors; submit: string }) {
  return (
    <form method="post" action={p.action} class="stack card">
      <ErrorSummary errors={p.errors} />
      {p.member && <VersionInput version={p.member.version} />}
      <div class="row">
        <Field name="name" label={t('common.name')} value={p.member?.name} values={p.values} errors={p.errors} required />
        <Field name="email" type="email" label={t('common.email')} value={p.member?.email} values={p.values} errors={p.errors} required />
      </div>
      <div class="row">
        <Select name="role" label={t('common.role')} value={p.member?.role ?? 'member'} values={p.values} errors={p.errors} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        <Field name="capacity" type="number" min={0} max={100} label={t('members.capacity')} value={p.member?.capacity ?? 10} values={p.values} errors={p.errors} required />
      </div>
      <button type="submit">{p.submit}</button>
    </form>
  );
}

/** A set-password link to copy, or with `signIn` (passwords off, single sign-on) the sign-in address. */
export function LinkNotice(p: { text: string; url: string; sent?: string | null; signIn?: boolean }) {
  return (
    <div class="flash flash-ok" role="status">
      <p>{p.text}</p>
      {p.sent && <p>{t(p.signIn ? 'invite.sent' : 'members.linkSent', { email: p.sent })}</p>}
      <p>
        <label for="set-password-link">{t(p.signIn ? 'invite.address' : 'members.linkTitle')}</label>
        <input id="set-password-link" type="text" readonly value={p.url} class="copy" />
      </p>
    </div>
  );
}

export type MembersPageProps = Parameters<typeof MembersPage>[0];

export function MembersPage(p: {
  user: CurrentUser;
  members: MemberRow[];
  areaCount: number;
  showInactive: boolean;
  /** The name search, as applied. */
  q: string;
  /** Which page of the matching members is shown (`total` = how many match) and how many a page holds. */
  slice: { page: number; pages: number; from: number; to: number; total: number; size: number };
  links: { prev: string; next: string };
  form?: { values?: FormValues; errors?: FieldErrors };
  notice?: { text: string; url: string; sent?: string | null; signIn?: boolean };
  /** Passwords off (single sign-on only): each member's action sends the invitation again, no set-password link. */
  passwordsOff?: boolean;
}) {
  const manager = p.user.role === 'manager';
  return (
    <section>
      <h1>{t('members.title')}</h1>
      {p.notice && <LinkNotice {...p.notice} />}
      <form method="get" action="/members" class="inline" role="search">
        <label for="members-q">{t('members.search')}</label>
        <input id="members-q" type="search" name="q" value={p.q} autocomplete="off" />
        <label>
          <input type="checkbox" name="inactive" value="1" checked={p.showInactive} /> {t('members.showInactive')}
        </label>
        <button type="submit" class="secondary">
          {t('common.filter')}
        </button>
      </form>
      {p.members.length === 0 ? (
        <EmptyState>{p.q ? t('members.noMatch') : t('members.empty')}</EmptyState>
      ) : (
        <ListTable
          label={t('members.title')}
          columns={[
            { label: t('common.name') },
            { label: t('common.email') },
            { label: t('common.role') },
            { label: t('members.capacity'), num: true },
            { label: t('members.ratedAreas'), num: true },
            manager && { label: t('common.actions') },
          ]}
        >
          {p.members.map((m) => (
            <tr class={m.active ? undefined : 'inactive'}>
              <td>
                <a href={`/members/${m.id}`}>{m.name}</a>
                {!m.active && <span class="tag">{t('members.inactive')}</span>}
              </td>
              <td>{m.email}</td>
              <td>{t(keyFor('role.', m.role))}</td>
              <td class="num">{m.capacity}</td>
              <td class="num">
                {m.rated}/{p.areaCount}
              </td>
              {manager && (
                <td class="actions">
                  <a href={`/members/${m.id}/edit`}>{t('common.edit')}</a>
                  <form method="post" action={`/members/${m.id}/password-link`}>
                    <button type="submit" class="link">
                      {t(p.passwordsOff ? 'invite.send' : 'members.newLink')}
                    </button>
                  </form>
                  {m.id !== p.user.id && (
                    <form method="post" action={`/members/${m.id}/active`}>
                      <VersionInput version={m.version} />
                      <input type="hidden" name="active" value={m.active ? '0' : '1'} />
                      <button type="submit" class="link">
                        {m.active ? t('members.deactivate') : t('members.reactivate')}
                      </button>
                    </form>
                  )}
                </td>
              )}
            </tr>
          ))}
        </ListTable>
      )}
      <Pager slice={p.slice} links={p.links} />
      {manager && (
        <>
          <h2 id="add">{t('members.add')}</h2>
          <MemberForm action="/members" values={p.form?.values} errors={p.form?.errors} submit={t('members.add')} />
        </>
      )}
    </section>
  );
}

/** The range shown and previous / next page links, kept with the search (plain links: the list works without JS). */
function Pager(p: { slice: MembersPageProps['slice']; links: MembersPageProps['links'] }) {
  const { page, pages, from, to, total, size } = p.slice;
  if (pages <= 1) return null;
  return (
    <nav class="mx-pager" aria-label={t('members.pages')}>
      {page > 1 ? <a rel="prev" href={p.links.prev}>{t('matrix.prevPage', { size })}</a> : <span class="muted">{t('matrix.prevPage', { size })}</span>}
      <span>
        {t('members.range', { from, to, count: total })} · {t('matrix.pageOf', { page, pages })}
      </span>
      {page < pages ? <a rel="next" href={p.links.next}>{t('matrix.nextPage', { size })}</a> : <span class="muted">{t('matrix.nextPage', { size })}</span>}
    </nav>
  );
}
