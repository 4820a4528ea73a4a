// Partner teams, their ledger, and partner user invitations.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { isoDay, type CurrentUser, type FieldErrors, type FormValues } from '../domain.ts';
import { field, idParam, parseForm } from '../http/forms.ts';
import { conflict, notFound, page, redirectAfterPost } from '../http/render.tsx';
import { inviteLink } from '../members/routes.tsx';
import { emailTaken, insertUser, setActive } from '../members/queries.ts';
import { dealHealth, FINAL_STATUSES, partnerLedger } from '../planning/deal-health.ts';
import { PartnerForm, PartnerPage, PartnersPage } from '../../views/partners/pages.tsx';
import { t } from '../../views/i18n/index.ts';
import { listDeals, memberLoad } from '../deals/queries.ts';
import {
  createPartner,
  getPartner,
  listPartners,
  partnerNameTaken,
  partnerPeople,
  partnerPerson,
  updatePartner,
  type Partner,
  type PartnerInput,
} from './queries.ts';

type C = Context<AppEnv>;
type Form = { values?: FormValues; errors?: FieldErrors };

const partnerSchema = z.object({
  name: field.text(100),
  lead: field.optionalText(100),
  contact: field.optionalText(200),
  services: field.optionalText(1000),
  notes: field.optionalText(2000),
});
const inviteSchema = z.object({ name: field.text(100), email: field.email() });

async function partnersPage(c: C, form: Form = {}, status: 200 | 422 = 200) {
  const db = c.get('db');
  const user = c.get('user') as CurrentUser;
  const [list, deals] = await Promise.all([listPartners(db), listDeals(db, user)]);
  const summaries = list.map((p) => {
    const mine = deals.filter((d) => d.partnerId === p.id);
    return { ...p, openDeals: mine.filter((d) => !FINAL_STATUSES.includes(d.status)).length, totalDeals: mine.length, balance: partnerLedger(mine).balance };
  });
  return page(c, t('partners.title'), <PartnersPage partners={summaries} manager={user.role === 'manager'} {...form} />, { current: '/partners', status });
}

async function partnerPage(c: C, partner: Partner, extra: { invite?: Form; notice?: { text: string; url: string; sent: string | null; signIn: boolean }; status?: 200 | 422 } = {}) {
  const db = c.get('db');
  const user = c.get('user') as CurrentUser;
  const [deals, load, people] = await Promise.all([listDeals(db, user, { partnerId: partner.id }), memberLoad(db), partnerPeople(db, partner.id)]);
  const day = isoDay(c.get('now')());
  const withHealth = deals.map((d) => ({ ...d, health: dealHealth(d, day, load) }));
  return page(
    c,
    partner.name,
    <PartnerPage partner={partner} deals={withHealth} {...partnerLedger(deals)} people={people} manager={user.role === 'manager'} invite={extra.invite} notice={extra.notice} passwordsOff={!c.get('passwordLogin')} />,
    { current: '/partners', status: extra.status },
  );
}

function editPage(c: C, partner: Partner, form: Form = {}, status: 200 | 422 = 200) {
  return page(
    c,
    partner.name,
    <section class="narrow">
      <h1>{t('partners.edit', { name: partner.name })}</h1>
      <PartnerForm action={`/partners/${partner.id}`} partner={partner} submit={t('common.save')} {...form} />
    </section>,
    { current: '/partners', status },
  );
}

async function routePartner(c: C) {
  const id = idParam(c.req.param('id'));
  return id ? getPartner(c.get('db'), id) : null;
}

/** A partner user of this partner team (never a team member, never another team's person). */
async function routePerson(c: C, partner: Partner) {
  const id = idParam(c.req.param('userId'));
  return id ? partnerPerson(c.get('db'), partner.id, id) : null;
}

const linkNotice = (text: string, link: { url: string; sent: string | null; signIn: boolean }) => ({ ...link, text });

export const partnerRoutes = new Hono<AppEnv>()
  .get('/', (c) => partnersPage(c))
  .post('/', async (c) => {
    const form = await parseForm(c, partnerSchema);
    if (!form.ok) return partnersPage(c, form, 422);
    if (await partnerNameTaken(c.get('db'), form.data.name)) return partnersPage(c, { values: form.values, errors: { name: t('partners.nameTaken') } }, 422);
    const partner = await createPartner(c.get('db'), form.data, c.get('now')());
    return redirectAfterPost(c, `/partners/${partner.id}`, { kind: 'ok', text: t('partners.saved', { name: partner.name }) });
  })
  .get('/:id', async (c) => {
    const partner = await routePartner(c);
    return partner ? partnerPage(c, partner) : notFound(c);
  })
  .get('/:id/edit', async (c) => {
    const partner = await routePartner(c);
    return partner ? editPage(c, partner) : notFound(c);
  })
  .post('/:id', async (c) => {
    const partner = await routePartner(c);
    if (!partner) return notFound(c);
    const form = await parseForm(c, partnerSchema.extend({ version: field.version() }));
    if (!form.ok) return editPage(c, partner, form, 422);
    const { version, ...input } = form.data;
    if (await partnerNameTaken(c.get('db'), input.name, partner.id)) return editPage(c, partner, { values: form.values, errors: { name: t('partners.nameTaken') } }, 422);
    const saved = await updatePartner(c.get('db'), partner.id, version, input);
    if (!saved) {
      const rows = (p: PartnerInput): Array<[string, string]> => [
        [t('partners.field.name'), p.name],
        [t('partners.field.lead'), p.lead],
        [t('partners.field.contact'), p.contact],
        [t('partners.field.services'), p.services],
        [t('partners.field.notes'), p.notes],
      ];
      return conflict(c, { yours: rows(input), current: rows(partner), backHref: `/partners/${partner.id}/edit` }, { current: '/partners' });
    }
    return redirectAfterPost(c, `/partners/${partner.id}`, { kind: 'ok', text: t('partners.saved', { name: saved.name }) });
  })
  .post('/:id/people', async (c) => {
    const partner = await routePartner(c);
    if (!partner) return notFound(c);
    const form = await parseForm(c, inviteSchema);
    if (!form.ok) return partnerPage(c, partner, { invite: form, status: 422 });
    const db = c.get('db');
    if (await emailTaken(db, form.data.email)) return partnerPage(c, partner, { invite: { values: form.values, errors: { email: t('errors.emailTaken') } }, status: 422 });
    const person = await insertUser(db, { name: form.data.name, email: form.data.email, role: 'partner', partnerId: partner.id, capacity: 0 }, c.get('now')());
    return partnerPage(c, partner, { notice: await inviteLink(c, person).then((link) => linkNotice(t(link.signIn ? 'invite.partnerAdded' : 'partners.people.invited', { name: person.name, partner: partner.name }), link)) });
  })
  .post('/:id/people/:userId/link', async (c) => {
    const partner = await routePartner(c);
    const person = partner && (await routePerson(c, partner));
    if (!partner || !person) return notFound(c);
    return partnerPage(c, partner, { notice: await inviteLink(c, person).then((link) => linkNotice(t(link.signIn ? 'invite.for' : 'members.linkFor', { name: person.name }), link)) });
  })
  .post('/:id/people/:userId/active', async (c) => {
    const partner = await routePartner(c);
    const person = partner && (await routePerson(c, partner));
    if (!partner || !person) return notFound(c);
    const form = await parseForm(c, z.object({ active: field.choice(['0', '1']), version: field.version() }));
    if (!form.ok) return partnerPage(c, partner, { invite: { errors: { _form: Object.values(form.errors)[0] } }, status: 422 });
    const active = form.data.active === '1';
    if (!(await setActive(c.get('db'), person.id, form.data.version, active, c.get('now')()))) {
      const row = (a: boolean): Array<[string, string]> => [[person.name, t(a ? 'partners.people.active' : 'partners.people.inactive')]];
      return conflict(c, { yours: row(active), current: row(person.active), backHref: `/partners/${partner.id}` }, { current: '/partners' });
    }
    return redirectAfterPost(c, `/partners/${partner.id}`, { kind: 'ok', text: t(active ? 'partners.people.reactivated' : 'partners.people.deactivated', { name: person.name }) });
  });
