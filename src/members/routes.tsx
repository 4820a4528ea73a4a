// People: the list, adding and editing members, deactivation, set-password links.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { FieldErrors, FormValues } from '../domain.ts';
import type { AppEnv } from '../env.ts';
import { field, idParam, parseForm } from '../http/forms.ts';
import { conflict, notFound, page, redirectAfterPost } from '../http/render.tsx';
import { listAreas } from '../areas/queries.ts';
import { byName, t } from '../../views/i18n/index.ts';
import { MemberForm, MembersPage, LinkNotice } from '../../views/members/pages.tsx';
import { MATRIX_PAGE_SIZE, pageSlice, parsePage } from '../matrix/filter.ts';
import { nameMatches } from '../planning/skills.ts';
import { enqueueInvitation } from '../notices/causes.ts';
import { createPasswordLink, emailTaken, getUser, insertUser, memberRows, passwordLinkUrl, setActive, teamNames, updateMember } from './queries.ts';

const memberSchema = z.object({
  name: field.text(100),
  email: field.email(),
  role: field.choice(['member', 'manager']),
  capacity: field.int(0, 100),
});

async function membersPage(c: Context<AppEnv>, extra: { form?: Parameters<typeof MembersPage>[0]['form']; notice?: { text: string; url: string; sent: string | null; signIn: boolean }; status?: 200 | 422 } = {}) {
  const db = c.get('db');
  const query = new URL(c.req.url).searchParams;
  const showInactive = query.get('inactive') === '1';
  const q = (query.get('q') ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 100);
  // Search and order the whole team by name, then read the fields of one page of it.
  const [names, areaList] = await Promise.all([teamNames(db, { includeInactive: showInactive }), listAreas(db)]);
  const matching = byName(names.filter((m) => nameMatches(m.name, q)));
  const slice = pageSlice(matching.length, parsePage(query), MEMBERS_PAGE_SIZE);
  const shown = matching.slice(Math.max(0, slice.from - 1), slice.to);
  const rows = new Map((await memberRows(db, shown.map((m) => m.id))).map((m) => [m.id, m]));
  const members = shown.flatMap((m) => rows.get(m.id) ?? []);
  const url = (page: number) => membersUrl({ q, inactive: showInactive }, page);
  return page(
    c,
    t('members.title'),
    <MembersPage
      user={c.get('user')!}
      members={members}
      areaCount={areaList.length}
      showInactive={showInactive}
      q={q}
      slice={{ ...slice, size: MEMBERS_PAGE_SIZE }}
      links={{ prev: url(slice.page - 1), next: url(slice.page + 1) }}
      form={extra.form}
      notice={extra.notice}
      passwordsOff={!c.get('passwordLogin')}
    />,
    { current: '/members', status: extra.status },
  );
}

/** Members a page of the list shows, as the matrix does. */
const MEMBERS_PAGE_SIZE = MATRIX_PAGE_SIZE;

/** The list's address: the search, the inactive switch and the page, only the parts that are set. */
function membersUrl(f: { q: string; inactive: boolean }, page: number): string {
  const q = new URLSearchParams();
  if (f.q) q.set('q', f.q);
  if (f.inactive) q.set('inactive', '1');
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `/members?${s}` : '/members';
}

function editPage(c: Context<AppEnv>, member: NonNullable<Awaited<ReturnType<typeof getUser>>>, form?: { values?: FormValues; errors?: FieldErrors }, status: 200 | 422 = 200) {
  return page(
    c,
    member.name,
    <section class="narrow">
      <h1>{member.name}</h1>
      <MemberForm action={`/members/${member.id}`} member={{ ...member, rated: 0 }} values={form?.values} errors={form?.errors} submit={t('common.save')} />
    </section>,
    { current: '/members', status },
  );
}

/**
 * The invitation, and with passwords on a new set-password link in the same transaction: e-mailed when SMTP is set
 * up and the person wants it. With passwords off (PASSWORD_LOGIN=off, single sign-on) no link is made — such links
 * answer 403 — and the invitation points at the sign-in page. `url`: what the manager may copy (the set-password link
 * or the sign-in address, `signIn`); `sent`: the address it went to, else null.
 */
export async function inviteLink(c: Context<AppEnv>, member: { id: number; name: string; email: string }) {
  const db = c.get('db'), oidc = c.get('oidc'), passwordLogin = c.get('passwordLogin');
  const provider = oidc?.providerName ?? null;
  const origin = new URL(c.req.url).origin;
  let channel: string | null = null;
  if (!passwordLogin) {
    await db.transaction(async (tx) => {
      channel = await enqueueInvitation(tx, c.get('notices'), c.req.url, member, { via: 'sso', provider }, c.get('now')());
    });
    return { url: new URL('/login', c.get('notices').publicOrigin ?? origin).href, signIn: true, sent: channel === 'email' ? member.email : null };
  }
  const token = await createPasswordLink(db, member.id, c.get('now')(), async (tx, token) => {
    channel = await enqueueInvitation(tx, c.get('notices'), c.req.url, member, oidc ? { via: 'both', token, provider } : { via: 'password', token }, c.get('now')());
  });
  return { url: passwordLinkUrl(origin, token), signIn: false, sent: channel === 'email' ? member.email : null };
}

/** A team member (not a partner user) by route id, or null. */
async function teamMember(c: Context<AppEnv>) {
  const id = idParam(c.req.param('id'));
  const member = id ? await getUser(c.get('db'), id) : null;
  return member && member.role !== 'partner' ? member : null;
}

export const memberRoutes = new Hono<AppEnv>()
  .get('/', (c) => membersPage(c))
  .post('/', async (c) => {
    const form = await parseForm(c, memberSchema);
    if (!form.ok) return membersPage(c, { form, status: 422 });
    const db = c.get('db');
    if (await emailTaken(db, form.data.email)) return membersPage(c, { form: { values: form.values, errors: { email: t('errors.emailTaken') } }, status: 422 });
    const member = await insertUser(db, form.data, c.get('now')());
    const link = await inviteLink(c, member);
    return membersPage(c, { notice: { ...link, text: t(link.signIn ? 'invite.added' : 'members.added', { name: member.name }) } });
  })
  .get('/:id/edit', async (c) => {
    const member = await teamMember(c);
    return member ? editPage(c, member) : notFound(c);
  })
  .post('/:id', async (c) => {
    const member = await teamMember(c);
    if (!member) return notFound(c);
    const form = await parseForm(c, memberSchema.extend({ version: field.version() }));
    if (!form.ok) return editPage(c, member, form, 422);
    const db = c.get('db');
    if (await emailTaken(db, form.data.email, member.id)) return editPage(c, member, { values: form.values, errors: { email: t('errors.emailTaken') } }, 422);
    const { version, ...values } = form.data;
    const updated = await updateMember(db, member.id, version, values);
    if (!updated) {
      const show = (m: typeof values) => [
        [t('common.name'), m.name],
        [t('common.email'), m.email],
        [t('common.role'), t(`role.${m.role}`)],
        [t('members.capacity'), String(m.capacity)],
      ] as Array<[string, string]>;
      return conflict(c, { yours: show(values), current: show(member as typeof values), backHref: `/members/${member.id}/edit` });
    }
    return redirectAfterPost(c, '/members', { kind: 'ok', text: t('common.saved') });
  })
  .post('/:id/active', async (c) => {
    const member = await teamMember(c);
    if (!member) return notFound(c);
    const form = await parseForm(c, z.object({ active: field.choice(['0', '1']), version: field.version() }));
    if (!form.ok) return membersPage(c, { status: 422, form: { errors: { _form: Object.values(form.errors)[0] } } });
    if (member.id === c.get('user')!.id) return membersPage(c, { status: 422, form: { errors: { _form: t('errors.forbiddenText') } } });
    const active = form.data.active === '1';
    const done = await setActive(c.get('db'), member.id, form.data.version, active, c.get('now')());
    const state = (on: boolean): Array<[string, string]> => [[t('members.active'), t(on ? 'common.yes' : 'common.no')]];
    if (!done) return conflict(c, { yours: state(active), current: state(member.active), backHref: '/members' });
    return redirectAfterPost(c, '/members', { kind: 'ok', text: t(active ? 'members.reactivated' : 'members.deactivated', { name: member.name }) });
  })
  .post('/:id/password-link', async (c) => {
    const member = await teamMember(c);
    if (!member) return notFound(c);
    const link = await inviteLink(c, member);
    return page(
      c,
      member.name,
      <section class="narrow">
        <h1>{member.name}</h1>
        <LinkNotice {...link} text={t(link.signIn ? 'invite.for' : 'members.linkFor', { name: member.name })} />
        <p>
          <a href="/members">{t('common.back')}</a>
        </p>
      </section>,
      { current: '/members' },
    );
  });
