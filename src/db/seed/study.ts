// Demo data of the study feature, added by `npm run demo`: seasons 1 and 2 held (real papers, attendance, evidence), season 3 in planning with candidates and votes.
import type { Db, Tx } from '../client.ts';
import { linkKeyOf } from '../../study/paper-link.ts';
import { studyAttendance, studyEvidence, studyPaperAreas, studyPapers, studyParticipants, studySeasonAreas, studySeasons, studySessions, studyVotes } from '../schema/index.ts';
import { sessionDates } from '../../planning/study-schedule/cadence.ts';
import { DAY_MS, isoDay, type Locale } from '../../domain.ts';
import type { AreaKey, DemoTeam } from './demo-team.ts';
import { seededRandom } from './random.ts';

type Paper = { title: string; arxiv: string; authors: string; year: number; areas: AreaKey[]; why: string };

/** Real papers of the team's areas and their arXiv ids. */
const PAPERS = {
  t5: { title: 'Exploring the Limits of Transfer Learning with a Unified Text-to-Text Transformer', arxiv: '1910.10683', authors: 'Colin Raffel, Noam Shazeer, Adam Roberts, Katherine Lee, Sharan Narang, et al.', year: 2019, areas: ['seq2seq'], why: 'The text-to-text recipe behind our encoder–decoder models.' },
  bart: { title: 'BART: Denoising Sequence-to-Sequence Pre-training for Natural Language Generation, Translation, and Comprehension', arxiv: '1910.13461', authors: 'Mike Lewis, Yinhan Liu, Naman Goyal, et al.', year: 2019, areas: ['seq2seq'], why: 'Denoising objectives we still compare our pre-training against.' },
  sbert: { title: 'Sentence-BERT: Sentence Embeddings using Siamese BERT-Networks', arxiv: '1908.10084', authors: 'Nils Reimers, Iryna Gurevych', year: 2019, areas: ['embedding'], why: 'Where our sentence-embedding stack starts.' },
  simcse: { title: 'SimCSE: Simple Contrastive Learning of Sentence Embeddings', arxiv: '2104.08821', authors: 'Tianyu Gao, Xingcheng Yao, Danqi Chen', year: 2021, areas: ['contrastive', 'embedding'], why: 'Contrastive post-pretraining in its simplest form.' },
  contriever: { title: 'Unsupervised Dense Information Retrieval with Contrastive Learning', arxiv: '2112.09118', authors: 'Gautier Izacard, Mathilde Caron, Lucas Hosseini, et al.', year: 2021, areas: ['zeroshot', 'contrastive'], why: 'A retriever trained without labels: the baseline for the care-call knowledge base.' },
  gpl: { title: 'GPL: Generative Pseudo Labeling for Unsupervised Domain Adaptation of Dense Retrieval', arxiv: '2112.07577', authors: 'Kexin Wang, Nandan Thakur, Nils Reimers, Iryna Gurevych', year: 2021, areas: ['pseudo', 'zeroshot'], why: 'The method our pseudo-labelling research builds on.' },
  inpars: { title: 'InPars: Data Augmentation for Information Retrieval using Large Language Models', arxiv: '2202.05144', authors: 'Luiz Bonifacio, Hugo Abonizio, Marzieh Fadaee, Rodrigo Nogueira', year: 2022, areas: ['pseudo'], why: 'Synthetic queries from a large LM, cheaper than labelling calls.' },
  dpr: { title: 'Dense Passage Retrieval for Open-Domain Question Answering', arxiv: '2004.04906', authors: 'Vladimir Karpukhin, Barlas Oğuz, Sewon Min, et al.', year: 2020, areas: ['zeroshot', 'embedding'], why: 'The dual encoder every retrieval paper compares with.' },
  ctrl: { title: 'CTRL: A Conditional Transformer Language Model for Controllable Generation', arxiv: '1909.05858', authors: 'Nitish Shirish Keskar, Bryan McCann, Lav R. Varshney, Caiming Xiong, Richard Socher', year: 2019, areas: ['dialogue'], why: 'Control codes: the simplest way to steer the live-chat assistant.' },
  pplm: { title: 'Plug and Play Language Models: A Simple Approach to Controlled Text Generation', arxiv: '1912.02164', authors: 'Sumanth Dathathri, Andrea Madotto, Janice Lan, et al.', year: 2019, areas: ['dialogue'], why: 'Steering without retraining the model.' },
  e5: { title: 'Text Embeddings by Weakly-Supervised Contrastive Pre-training', arxiv: '2212.03533', authors: 'Liang Wang, Nan Yang, Xiaolong Huang, et al.', year: 2022, areas: ['embedding', 'contrastive'], why: 'The embedding model our benchmark reproduces.' },
  gtr: { title: 'Large Dual Encoders Are Generalizable Retrievers', arxiv: '2112.07899', authors: 'Jianmo Ni, Chen Qu, Jing Lu, et al.', year: 2021, areas: ['zeroshot', 'embedding'], why: 'Does scale alone make a retriever transfer?' },
  promptagator: { title: 'Promptagator: Few-shot Dense Retrieval From 8 Examples', arxiv: '2209.11755', authors: 'Zhuyun Dai, Vincent Y. Zhao, Ji Ma, et al.', year: 2022, areas: ['pseudo', 'zeroshot'], why: 'Eight examples per task: about what a partner team can give us.' },
  dialogpt: { title: 'DialoGPT: Large-Scale Generative Pre-training for Conversational Response Generation', arxiv: '1911.00536', authors: 'Yizhe Zhang, Siqi Sun, Michel Galley, et al.', year: 2019, areas: ['dialogue'], why: 'Pre-training on conversations, before instruction tuning.' },
  blenderbot: { title: 'Recipes for building an open-domain chatbot', arxiv: '2004.13637', authors: 'Stephen Roller, Emily Dinan, Naman Goyal, et al.', year: 2020, areas: ['dialogue'], why: 'Persona, knowledge and empathy blended in one model.' },
  beir: { title: 'BEIR: A Heterogenous Benchmark for Zero-shot Evaluation of Information Retrieval Models', arxiv: '2104.08663', authors: 'Nandan Thakur, Nils Reimers, Andreas Rücklé, Abhishek Srivastava, Iryna Gurevych', year: 2021, areas: ['zeroshot'], why: 'The benchmark our retriever numbers are quoted on.' },
  colbert: { title: 'ColBERT: Efficient and Effective Passage Search via Contextualized Late Interaction over BERT', arxiv: '2004.12832', authors: 'Omar Khattab, Matei Zaharia', year: 2020, areas: ['zeroshot', 'embedding'], why: 'Late interaction as an alternative to one vector per passage.' },
  clip: { title: 'Learning Transferable Visual Models From Natural Language Supervision', arxiv: '2103.00020', authors: 'Alec Radford, Jong Wook Kim, Chris Hallacy, et al.', year: 2021, areas: ['contrastive'], why: 'Contrastive pre-training at scale, read backwards from SimCSE.' },
  simclr: { title: 'A Simple Framework for Contrastive Learning of Visual Representations', arxiv: '2002.05709', authors: 'Ting Chen, Simon Kornblith, Mohammad Norouzi, Geoffrey Hinton', year: 2020, areas: ['contrastive'], why: 'Where the augmentations-and-temperature recipe comes from.' },
  moco: { title: 'Momentum Contrast for Unsupervised Visual Representation Learning', arxiv: '1911.05722', authors: 'Kaiming He, Haoqi Fan, Yuxin Wu, Saining Xie, Ross Girshick', year: 2019, areas: ['contrastive'], why: 'Queues of negatives without huge batches.' },
  cpc: { title: 'Representation Learning with Contrastive Predictive Coding', arxiv: '1807.03748', authors: 'Aaron van den Oord, Yazhe Li, Oriol Vinyals', year: 2018, areas: ['contrastive'], why: 'InfoNCE, the loss under everything we train.' },
  supcon: { title: 'Supervised Contrastive Learning', arxiv: '2004.11362', authors: 'Prannay Khosla, Piotr Teterwak, Chen Wang, et al.', year: 2020, areas: ['contrastive'], why: 'Using the labels we do have inside a contrastive loss.' },
  dpo: { title: 'Direct Preference Optimization: Your Language Model is Secretly a Reward Model', arxiv: '2305.18290', authors: 'Rafael Rafailov, Archit Sharma, Eric Mitchell, et al.', year: 2023, areas: ['dialogue'], why: 'Preference tuning without a reward model for the chat assistant.' },
  instructgpt: { title: 'Training language models to follow instructions with human feedback', arxiv: '2203.02155', authors: 'Long Ouyang, Jeff Wu, Xu Jiang, et al.', year: 2022, areas: ['dialogue', 'seq2seq'], why: 'How instruction following and RLHF started.' },
  flan: { title: 'Finetuned Language Models Are Zero-Shot Learners', arxiv: '2109.01652', authors: 'Jason Wei, Maarten Bosma, Vincent Y. Zhao, et al.', year: 2021, areas: ['zeroshot', 'seq2seq'], why: 'Instruction tuning as a zero-shot classifier for care-call intents.' },
  t0: { title: 'Multitask Prompted Training Enables Zero-Shot Task Generalization', arxiv: '2110.08207', authors: 'Victor Sanh, Albert Webson, Colin Raffel, et al.', year: 2021, areas: ['zeroshot', 'seq2seq'], why: 'Prompted multitask training on an encoder–decoder.' },
} satisfies Record<string, Paper>;
type PaperKey = keyof typeof PAPERS;

/** A session: the paper, and the presenter and reviewer by index into the demo members. */
type Held = [paper: PaperKey, presenter: number, reviewer: number];
type SeasonSpec = {
  number: number;
  name: Record<Locale, string>;
  goal: Record<Locale, string>;
  focus: AreaKey[];
  /** Days from now of the first Thursday on or after which it starts; the season runs `weeks` weeks. */
  startsIn: number;
  weeks: number;
  /** Weeks (0-based) without a session. */
  skipWeeks?: number[];
  participants: number[];
  held: Held[];
  /** Proposed and voted for but not read: [paper, proposer, voters]. Candidates of a planned season are these too. */
  unread: Array<[paper: PaperKey, proposer: number, voters: number[]]>;
  /** Papers of the season carried over from the one before. */
  carried?: PaperKey[];
};

// Members: 0 김민아 (seq2seq lead), 1 Joon Park (embedding), 2 이서연 (zero-shot, pseudo labels), 3 Daniel Cho (serving),
// 4 박지훈 (dialogue), 5 Priya Nair (evaluation), 6 정하늘 (contrastive), 7 Tom Becker, 8 최유진, 9 Lucas Martin, 10 한도윤, 11 Sara Kim.
// People present where they want to grow and experts review (level 4–5): learning by teaching, checked by someone who knows.
const SEASONS: SeasonSpec[] = [
  {
    number: 1,
    name: { ko: '문장 임베딩 기초 시즌 1', en: 'Sentence embeddings from the ground up, season 1' },
    goal: { ko: '임베딩 스택의 바탕이 되는 논문을 함께 읽어요.', en: 'Read the papers our embedding stack stands on.' },
    focus: ['embedding', 'contrastive'],
    startsIn: -232,
    weeks: 8,
    participants: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    held: [['sbert', 3, 1], ['dpr', 8, 2], ['simcse', 6, 1], ['t5', 7, 0], ['ctrl', 4, 8], ['bart', 5, 9], ['pplm', 0, 4], ['contriever', 9, 2]],
    unread: [['dialogpt', 4, [4, 8, 3]], ['colbert', 1, [1, 2]]],
  },
  {
    number: 2,
    name: { ko: '라벨 없이 검색하기 시즌 2', en: 'Retrieval without labels, season 2' },
    goal: { ko: '라벨 없이 도메인에 맞는 검색기를 만드는 방법을 익혀요.', en: 'Learn to adapt retrievers to a domain without labels.' },
    focus: ['pseudo', 'zeroshot'],
    startsIn: -162,
    weeks: 9,
    skipWeeks: [4],
    participants: [0, 1, 2, 3, 4, 5, 6, 7, 8],
    carried: ['dialogpt', 'colbert'],
    held: [['gpl', 6, 2], ['e5', 7, 1], ['inpars', 0, 2], ['gtr', 5, 1], ['promptagator', 8, 2], ['dialogpt', 4, 8], ['beir', 3, 2], ['colbert', 2, 1]],
    unread: [['blenderbot', 4, [4, 8, 0, 6]], ['supcon', 1, [1, 6]]],
  },
  {
    number: 3,
    name: { ko: '거꾸로 읽는 SSL 시즌 3', en: 'Self-supervised learning in reverse, season 3' },
    goal: { ko: 'SimCSE에서 거꾸로 InfoNCE까지, 대조 학습의 뿌리를 읽어요.', en: 'From SimCSE back to InfoNCE: the roots of contrastive learning.' },
    focus: ['contrastive', 'dialogue'],
    startsIn: 14,
    weeks: 8,
    participants: [0, 1, 2, 3, 4, 5, 6, 7, 8, 10],
    held: [],
    // SupCon is proposed again, so carrying season 2's unread papers here skips it and says so.
    unread: [
      ['simclr', 1, [1, 6, 7, 3, 5]],
      ['clip', 6, [6, 1, 2, 10]],
      ['dpo', 4, [4, 8, 0, 5]],
      ['moco', 6, [6, 10, 7]],
      ['instructgpt', 0, [0, 4, 7]],
      ['flan', 8, [8, 2, 3]],
      ['cpc', 2, [2, 0]],
      ['supcon', 1, [1, 8]],
      ['t0', 5, [5, 10]],
    ],
  },
];

const THURSDAY = 4;

/** The first Thursday on or after `days` from now. */
function thursdayFrom(now: Date, days: number): number {
  const t = Math.floor(now.getTime() / DAY_MS) * DAY_MS + days * DAY_MS;
  return t + ((THURSDAY - new Date(t).getUTCDay() + 7) % 7) * DAY_MS;
}

export async function seedStudy(db: Db, team: DemoTeam, now: Date, locale: Locale = 'en'): Promise<void> {
  const rand = seededRandom(20261203);
  const person = (i: number) => team.members[i].id;
  const manager = team.manager.id;
  /** The newest row and proposer of each paper: a carried paper points at it and keeps its proposer. */
  const proposed = new Map<PaperKey, { id: number; proposer: number }>();
  await db.transaction(async (tx) => {
    for (const spec of SEASONS) {
      const start = thursdayFrom(now, spec.startsIn);
      const weekly = Array.from({ length: spec.weeks }, (_, w) => isoDay(start + w * 7 * DAY_MS));
      const skipDates = (spec.skipWeeks ?? []).map((w) => weekly[w]);
      const [startsOn, endsOn] = [weekly[0], weekly[weekly.length - 1]];
      const createdAt = start - 21 * DAY_MS;
      const finished = spec.held.length > 0;
      const [season] = await tx
        .insert(studySeasons)
        .values({
          number: spec.number,
          name: spec.name[locale],
          goal: spec.goal[locale],
          startsOn,
          endsOn,
          weekday: THURSDAY,
          startTime: '17:00',
          sessionMinutes: 60,
          skipDates: JSON.stringify(skipDates),
          status: finished ? 'finished' : 'planned',
          scheduleStatus: finished ? 'published' : 'none',
          scheduleVersion: finished ? 1 : 0,
          publishedAt: finished ? createdAt + 14 * DAY_MS : null,
          createdBy: manager,
          createdAt,
        })
        .returning({ id: studySeasons.id });
      if (spec.focus.length) await tx.insert(studySeasonAreas).values(spec.focus.map((k) => ({ seasonId: season.id, areaId: team.areas[k].id })));
      await tx.insert(studyParticipants).values(spec.participants.map((i) => ({ seasonId: season.id, userId: person(i), joinedAt: createdAt + DAY_MS })));

      const propose = async (key: PaperKey, suggested: number, voters: number[], at: number) => {
        const p: Paper = PAPERS[key];
        const from = spec.carried?.includes(key) ? proposed.get(key) : undefined;
        const proposer = from?.proposer ?? suggested;
        const url = `https://arxiv.org/abs/${p.arxiv}`;
        const [row] = await tx
          .insert(studyPapers)
          .values({ seasonId: season.id, title: p.title, url, linkKey: linkKeyOf(url), authors: p.authors, year: p.year, why: p.why, proposedBy: person(proposer), proposedAt: at, carriedFrom: from?.id ?? null })
          .returning({ id: studyPapers.id });
        await tx.insert(studyPaperAreas).values(p.areas.map((k) => ({ paperId: row.id, areaId: team.areas[k].id })));
        if (voters.length) await tx.insert(studyVotes).values(voters.map((i) => ({ paperId: row.id, userId: person(i), seasonId: season.id, createdAt: at + DAY_MS })));
        proposed.set(key, { id: row.id, proposer });
        return row.id;
      };
      // Held papers were proposed and voted for too: by a few neighbours in the list, never their presenter, so nobody passes the 5 votes.
      const heldIds: number[] = [];
      const n = spec.participants.length;
      for (const [i, [key, presenter]] of spec.held.entries()) {
        const voters = [1, 2, 4].map((k) => spec.participants[(i + k) % n]).filter((v) => v !== presenter);
        heldIds.push(await propose(key, spec.participants[(i * 3) % spec.participants.length], voters, createdAt + (2 + i) * 3_600_000));
      }
      for (const [key, proposer, voters] of spec.unread) await propose(key, proposer, voters, createdAt + 2 * DAY_MS);

      const days = sessionDates({ startsOn, endsOn, weekday: THURSDAY, skipDates });
      for (const [i, [key, presenter, reviewer]] of spec.held.entries()) {
        await holdSession(tx, { seasonId: season.id, number: spec.number, position: i + 1, day: days[i], paperId: heldIds[i], areaId: team.areas[PAPERS[key].areas[0]].id, presenter: person(presenter), reviewer: person(reviewer), participants: spec.participants.map(person), manager, rand });
      }
    }
  });
}

/** A held session: its row, everyone's attendance (presenter and reviewer always came), and the presenter's evidence (the reviewer's every other time). */
async function holdSession(
  tx: Tx,
  s: { seasonId: number; number: number; position: number; day: string; paperId: number; areaId: number; presenter: number; reviewer: number; participants: number[]; manager: number; rand: () => number },
) {
  const after = Date.parse(`${s.day}T09:00:00Z`) + DAY_MS;
  const [session] = await tx
    .insert(studySessions)
    .values({ seasonId: s.seasonId, position: s.position, day: s.day, paperId: s.paperId, presenterId: s.presenter, reviewerId: s.reviewer, materials: JSON.stringify({ slides: `https://wiki.example.com/study/season-${s.number}/session-${s.position}` }) })
    .returning({ id: studySessions.id });
  await tx.insert(studyAttendance).values(
    s.participants.map((userId) => {
      const r = s.rand();
      const status = userId === s.presenter || userId === s.reviewer || r < 0.8 ? 'came' : r < 0.92 ? 'excused' : 'missed';
      return { sessionId: session.id, userId, status: status as 'came' | 'excused' | 'missed', markedBy: s.manager, markedAt: after };
    }),
  );
  const evidence: Array<typeof studyEvidence.$inferInsert> = [{ sessionId: session.id, userId: s.presenter, areaId: s.areaId, role: 'presenter', createdAt: after }];
  if (s.position % 2 === 0) evidence.push({ sessionId: session.id, userId: s.reviewer, areaId: s.areaId, role: 'reviewer', createdAt: after });
  await tx.insert(studyEvidence).values(evidence);
}
