// Demo data of the deals feature, added by `npm run demo`: five partner teams, a dozen deals in every status and health, a partner user.
import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { dealItems, deals } from '../schema/index.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { insertUser } from '../../members/queries.ts';
import { addComment, createDeal, getDeal, moveDeal, rateDeal, saveDeal, acceptDeal, type Deal, type DealInput } from '../../deals/queries.ts';
import { createPartner } from '../../partners/queries.ts';
import { diffSnapshots, snapshotOfDeal, snapshotOfInput } from '../../deals/changes.ts';
import { isoDay, type DealStatus } from '../../domain.ts';
import { DEMO_PASSWORD, type AreaKey, type DemoTeam } from './demo-team.ts';

const DAY = 86_400_000;
const FLOW: DealStatus[] = ['proposed', 'negotiating', 'agreed', 'in_delivery', 'delivered', 'closed'];

type GiveSpec = { what: string; due: number; area: AreaKey; effort: number; members: number[]; done?: boolean };
type GetSpec = { what: string; due: number; done?: boolean };
type DealSpec = {
  partner: number;
  title: string;
  summary: string;
  owner: number;
  /** Days relative to now. */
  created: number;
  needed?: number;
  committed?: number;
  status: DealStatus;
  gives: GiveSpec[];
  gets: GetSpec[];
  ours?: [number, number];
  theirs?: [number, number];
  comments?: Array<[who: 'partner' | number, days: number, text: string]>;
};

export async function seedDeals(db: Db, team: DemoTeam, now: Date): Promise<void> {
  const at = (days: number) => new Date(now.getTime() + days * DAY);
  const date = (days: number) => isoDay(at(days));
  const m = team.members;
  const mgr = team.manager;

  const partnerRows = await Promise.all(
    [
      { name: 'Care-call service', lead: 'Sunwoo Park', contact: '#carecall-eng · carecall@example.com', services: 'Automated care-call service (outbound wellness calls)\nCall summaries for case workers', notes: 'Our biggest downstream user of the zero-shot classifier. They own call-transcript consent.' },
      { name: 'No-code model studio', lead: 'Elena Petrova', contact: 'studio-team wiki', services: 'No-code fine-tuning studio\nEvaluation dashboards for customers', notes: 'Wants our embeddings behind a single API. Pilot customers give useful feedback.' },
      { name: 'Live-chat assistant', lead: '김태양', contact: '#livechat-assistant', services: 'Customer live-chat assistant (web and app)', notes: 'Asks a lot; check the balance before agreeing to more.' },
      { name: 'GPU platform', lead: 'Marcus Webb', contact: 'infra-oncall@example.com', services: 'Shared GPU cluster and quota\nInference node pools', notes: 'Quota decisions each quarter; they like reusable serving recipes.' },
      { name: 'Search', lead: '오지우', contact: '#search-relevance', services: 'Site search and help-centre search', notes: '' },
    ].map((p) => createPartner(db, p, at(-400))),
  );
  const [carecall, studio, livechat, gpu, search] = partnerRows.map((p) => p.id);

  // One account per partner team (people rate and comment from their side); partner@demo.local is the care-call team's.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const people = await Promise.all(
    (
      [
        ['Sunwoo Park (Care-call)', 'partner', carecall],
        ['Elena Petrova (Studio)', 'partner-studio', studio],
        ['김태양 (Live-chat)', 'partner-livechat', livechat],
        ['Marcus Webb (GPU platform)', 'partner-gpu', gpu],
        ['오지우 (Search)', 'partner-search', search],
      ] as const
    ).map(([name, local, partnerId]) => insertUser(db, { name, email: `${local}@demo.local`, role: 'partner', partnerId, capacity: 0, passwordHash }, at(-400))),
  );
  const personOf = (partnerId: number) => people.find((p) => p.partnerId === partnerId)!;
  const partnerUser = people[0];

  const specs: DealSpec[] = [
    {
      partner: carecall,
      title: 'Zero-shot intent classifier ⇄ 20k labelled call transcripts',
      summary: 'We fine-tune a zero-shot intent classifier for the care-call team; they give us 20k labelled call transcripts for our generative pseudo-labelling research.',
      owner: m[0].id,
      created: -60,
      needed: 24,
      committed: 20,
      status: 'in_delivery',
      gives: [
        { what: 'Fine-tune the zero-shot intent classifier on the 42 care-call intents', due: 9, area: 'zeroshot', effort: 6, members: [m[0].id, m[2].id] },
        { what: 'Latency-tuned serving (p95 < 80 ms) of the classifier', due: 20, area: 'serving', effort: 3, members: [m[7].id] },
      ],
      gets: [
        { what: '20k anonymised call transcripts with intent labels', due: -20, done: true },
        { what: 'Two weeks of shadow traffic for online evaluation', due: 18 },
      ],
      ours: [4, 4],
      theirs: [4, 4],
      comments: [
        ['partner', -19, 'Transcripts are uploaded to the shared bucket; consent flags are in the metadata column.'],
        [0, -3, 'First classifier run: macro-F1 0.81 on the held-out intents. Working on the long tail.'],
      ],
    },
    {
      partner: carecall,
      title: 'Call-summary evaluation set ⇄ case-worker review hours',
      summary: 'We build an evaluation set and rubric for call summaries; their case workers review 300 summaries for us.',
      owner: m[3].id,
      created: -45,
      needed: -2,
      committed: -4,
      status: 'agreed',
      gives: [{ what: 'Evaluation set of 500 calls with a summary-quality rubric', due: -4, area: 'evaluation', effort: 4, members: [m[3].id] }],
      gets: [{ what: '40 case-worker hours reviewing generated summaries', due: 12 }],
      ours: [3, 3],
      comments: [[3, -1, 'Rubric is done, 380 of 500 calls annotated. Need one more week.']],
    },
    {
      partner: carecall,
      title: 'Controllable call-script style ⇄ A/B slot in the care-call pilot',
      summary: 'We steer the dialogue model towards a warmer, slower call style; they give us an A/B slot with 5% of pilot calls.',
      owner: m[6].id,
      created: -20,
      needed: 70,
      committed: 60,
      status: 'negotiating',
      gives: [
        { what: 'Style-controlled script generation (warm, slow, plain language)', due: 45, area: 'dialogue', effort: 5, members: [m[6].id] },
        { what: 'Safety review of generated scripts with the care team', due: 55, area: 'evaluation', effort: 2, members: [m[3].id] },
      ],
      gets: [{ what: 'A/B slot: 5% of pilot calls for four weeks', due: 65 }],
      ours: [3, 4],
    },
    {
      partner: carecall,
      title: 'Call-reason taxonomy bootstrap ⇄ 5k seed transcripts',
      summary: 'The first deal with the care-call team: a call-reason taxonomy bootstrapped with generative pseudo-labels.',
      owner: m[4].id,
      created: -230,
      needed: -160,
      committed: -165,
      status: 'closed',
      gives: [{ what: 'Call-reason taxonomy with 42 intents and pseudo-labelled examples', due: -170, area: 'pseudo', effort: 5, members: [m[4].id], done: true }],
      gets: [{ what: '5k seed transcripts', due: -200, done: true }],
      ours: [3, 4],
      theirs: [4, 3],
    },
    {
      partner: studio,
      title: 'Domain-agnostic embeddings API ⇄ feedback from 30 pilot customers',
      summary: 'We ship domain-agnostic text embeddings behind one API in the no-code studio; they collect structured feedback from 30 pilot customers.',
      owner: m[1].id,
      created: -3,
      needed: 90,
      status: 'proposed',
      gives: [
        { what: 'Embedding API with versioned models and a migration guide', due: 60, area: 'embedding', effort: 5, members: [m[1].id] },
        { what: 'Retrieval quality report on three customer domains', due: 75, area: 'evaluation', effort: 2, members: [m[11].id] },
      ],
      gets: [{ what: 'Structured feedback from 30 pilot customers (interviews + ratings)', due: 85 }],
    },
    {
      partner: studio,
      title: 'Contrastive post-pretraining for studio fine-tunes ⇄ anonymised fine-tune jobs',
      summary: 'Contrastive post-pretraining as a default step in studio fine-tunes; they share anonymised job configs and outcomes.',
      owner: m[9].id,
      created: -30,
      needed: 50,
      committed: 40,
      status: 'negotiating',
      gives: [{ what: 'Contrastive post-pretraining step with a default recipe', due: 35, area: 'contrastive', effort: 4, members: [m[9].id, m[5].id] }],
      gets: [{ what: '1,000 anonymised fine-tune job configs with outcomes', due: 20 }],
      ours: [4, 3],
    },
    {
      partner: livechat,
      title: 'Persona-controlled replies ⇄ chat logs and human evaluation',
      summary: 'Persona and tone control for the live-chat assistant; in return chat logs and a small human evaluation.',
      owner: m[8].id,
      created: -40,
      needed: 40,
      committed: 35,
      status: 'in_delivery',
      gives: [
        { what: 'Persona/tone control adapters for the assistant', due: 30, area: 'dialogue', effort: 8, members: [m[8].id] },
        { what: 'Guardrail prompts and refusal tests', due: 34, area: 'evaluation', effort: 3, members: [m[10].id] },
      ],
      gets: [{ what: '10k anonymised chat logs', due: -10, done: true }],
      ours: [5, 2],
      theirs: [5, 3],
    },
    {
      partner: livechat,
      title: 'Safety filter fine-tuning ⇄ red-team transcripts',
      summary: 'Dropped: the live-chat team moved to a vendor safety filter.',
      owner: m[10].id,
      created: -90,
      needed: -30,
      status: 'dropped',
      gives: [{ what: 'Fine-tuned safety classifier', due: -40, area: 'zeroshot', effort: 4, members: [m[10].id] }],
      gets: [{ what: '2k red-team transcripts', due: -60 }],
    },
    {
      partner: gpu,
      title: 'Quantised seq2seq serving recipe ⇄ 64 A100-days of Q2 quota',
      summary: 'We write up and package our int8 seq2seq serving recipe for the platform; they reserve GPU quota for our Q2 experiments.',
      owner: m[7].id,
      created: -25,
      needed: 80,
      committed: 70,
      status: 'agreed',
      gives: [{ what: 'Documented int8 serving recipe with benchmarks', due: 70, area: 'serving', effort: 2, members: [m[7].id] }],
      gets: [
        { what: '64 A100-days of reserved quota in Q2', due: 75 },
        { what: 'Priority queue for evaluation jobs', due: 60 },
      ],
      ours: [2, 5],
      theirs: [3, 4],
    },
    {
      partner: gpu,
      title: 'Data-pipeline dedup job ⇄ early access to new inference nodes',
      summary: 'Our near-duplicate detection job runs on their shared pipeline; we get early access to the new inference node pool.',
      owner: m[5].id,
      created: -15,
      needed: 100,
      committed: 90,
      status: 'agreed',
      gives: [{ what: 'Near-duplicate detection job packaged for the shared pipeline', due: 80, area: 'data', effort: 3, members: [m[5].id] }],
      gets: [{ what: 'Early access to the new inference node pool', due: 95 }],
      ours: [3, 3],
    },
    {
      partner: search,
      title: 'Generative pseudo-labels for help-centre search ⇄ click logs',
      summary: 'Pseudo-labelled query/passage pairs to train the help-centre retriever; they share click logs.',
      owner: m[4].id,
      created: -120,
      needed: -20,
      committed: -25,
      status: 'delivered',
      gives: [{ what: '200k pseudo-labelled query/passage pairs', due: -30, area: 'pseudo', effort: 5, members: [m[4].id, m[2].id], done: true }],
      gets: [{ what: 'Three months of anonymised click logs', due: -90, done: true }],
      ours: [4, 4],
      theirs: [4, 4],
    },
    {
      partner: search,
      title: 'Zero-shot retriever benchmark ⇄ annotated query sample',
      summary: 'A benchmark of zero-shot retrievers on their queries; they annotate 2k queries.',
      owner: m[2].id,
      created: -200,
      needed: -120,
      committed: -130,
      status: 'closed',
      gives: [{ what: 'Benchmark report: five zero-shot retrievers on help-centre queries', due: -135, area: 'zeroshot', effort: 3, members: [m[2].id], done: true }],
      gets: [{ what: '2k annotated queries', due: -170, done: true }],
      ours: [3, 4],
      theirs: [4, 3],
    },
  ];

  for (const s of specs) {
    const created = at(s.created);
    const input: DealInput = {
      title: s.title,
      partnerId: s.partner,
      ownerId: s.owner,
      summary: s.summary,
      neededBy: s.needed === undefined ? null : date(s.needed),
      committedDate: s.committed === undefined ? null : date(s.committed),
      items: [
        ...s.gives.map((g) => ({ side: 'give' as const, description: g.what, dueDate: date(g.due), areaId: team.areas[g.area].id, effort: g.effort, memberIds: g.members })),
        ...s.gets.map((g) => ({ side: 'get' as const, description: g.what, dueDate: date(g.due), areaId: null, effort: 0, memberIds: [] })),
      ],
    };
    const id = await createDeal(db, input, s.owner, created);
    const fresh = async () => (await getDeal(db, id, { id: mgr.id, role: 'manager', partnerId: null })) as Deal;
    // Walk the flow one step a few days apart, so the timeline reads like a real one.
    const steps = s.status === 'dropped' ? ['negotiating', 'dropped'] : FLOW.slice(1, FLOW.indexOf(s.status) + 1);
    let when = s.created;
    for (const to of steps as DealStatus[]) {
      when = Math.min(when + 3, -1);
      const d = await fresh();
      await moveDeal(db, d, d.version, to, to === 'agreed' || to === 'dropped' || to === 'closed' ? mgr.id : s.owner, at(when));
    }
    const done = [...s.gives, ...s.gets].map((g) => Boolean(g.done));
    const items = await db.select().from(dealItems).where(eq(dealItems.dealId, id)).orderBy(dealItems.position);
    for (const [i, item] of items.entries()) {
      if (done[i]) await db.update(dealItems).set({ done: true, doneAt: Date.parse(`${item.dueDate}T12:00:00Z`) }).where(eq(dealItems.id, item.id));
    }
    if (s.ours) {
      const d = await fresh();
      await rateDeal(db, d, d.version, { give: s.ours[0], get: s.ours[1] }, { id: s.owner, role: 'member', partnerId: null }, at(s.created + 1));
    }
    if (s.theirs) {
      const d = await fresh();
      await rateDeal(db, d, d.version, { give: s.theirs[0], get: s.theirs[1] }, { id: personOf(s.partner).id, role: 'partner', partnerId: s.partner }, at(s.created + 2));
    }
    for (const [who, days, text] of s.comments ?? []) await addComment(db, id, text, who === 'partner' ? personOf(s.partner).id : m[who].id, at(days));
  }

  // The partner counter-proposed the call-script deal: later dates and a longer A/B slot. The previous version stays visible.
  const [script] = await db.select().from(deals).where(eq(deals.title, specs[2].title));
  const before = (await getDeal(db, script.id, { id: mgr.id, role: 'manager', partnerId: null }))!;
  const counter: DealInput = {
    title: before.title,
    partnerId: before.partnerId,
    ownerId: before.ownerId,
    summary: before.summary,
    neededBy: date(80),
    committedDate: before.committedDate,
    items: before.items.map((i) => ({
      id: i.id,
      side: i.side,
      description: i.side === 'get' ? 'A/B slot: 5% of pilot calls for six weeks' : i.description,
      dueDate: i.dueDate,
      areaId: i.areaId,
      effort: i.effort,
      memberIds: i.members.map((x) => x.id),
    })),
  };
  const names = { partner: () => before.partnerName, user: (id: number) => before.items.flatMap((i) => i.members).find((x) => x.id === id)?.name ?? '', area: (id: number) => before.items.find((i) => i.areaId === id)?.areaName ?? '' };
  await saveDeal(db, before, before.version, counter, diffSnapshots(snapshotOfDeal(before), snapshotOfInput(counter, names)), partnerUser.id, at(-2), {
    note: 'Four weeks is too short to see an effect on call completion. Six weeks, and we need it by the end of next quarter.',
    snapshot: snapshotOfDeal(before),
  });

  // The partner accepts their own counter-proposal: it now waits for the manager's review.
  const pilot = (await getDeal(db, script.id, { id: mgr.id, role: 'manager', partnerId: null }))!;
  await acceptDeal(db, pilot, pilot.version, partnerUser.id, at(-1));
}
