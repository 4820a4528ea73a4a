// GET /growth/outcomes (managers): did mentoring, buddies and study make people grow, against those without them.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { badRequest, page } from '../http/render.tsx';
import { listAreas } from '../areas/queries.ts';
import { teamToday } from '../study/time-zone.ts';
import { areaOutcomes, eventOutcomes, MIN_TO_TELL, mentorOutcomes } from '../planning/growth/outcomes.ts';
import { collator, t } from '../../views/i18n/index.ts';
import { OutcomesPage } from '../../views/growth/outcomes.tsx';
import { outcomeInput } from './outcome-queries.ts';

/** Outcomes listed before "show all". */
export const OUTCOMES_SHOWN = 30;

const querySchema = z.object({ all: z.literal('1').optional() }).strict();

export const outcomeRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const query = querySchema.safeParse(c.req.query());
  if (!query.success) return badRequest(c, t('growth.outcomes.badQuery'));
  const db = c.get('db');
  const now = c.get('now')().getTime();
  const [{ input, people }, areas] = await Promise.all([outcomeInput(db, now, teamToday(c)), listAreas(db)]);
  const outcomes = eventOutcomes(input);
  const name = new Map(people.map((p) => [p.id, p.name]));
  const areaName = new Map(areas.map((a) => [a.id, a.name]));
  const who = (id: number | null) => (id === null ? '' : (name.get(id) ?? `#${id}`));
  const compare = collator().compare;
  const showAll = query.data.all === '1';
  return page(
    c,
    t('growth.outcomes.title'),
    <OutcomesPage
      areas={areaOutcomes(input, outcomes, areas.map((a) => a.id)).map((a) => ({ ...a, name: areaName.get(a.areaId) ?? '' }))}
      mentors={mentorOutcomes(outcomes)
        .map((m) => ({ name: who(m.mentorId), figures: m.figures, areas: m.areaIds.map((id) => areaName.get(id) ?? '') }))
        .sort((a, b) => b.figures.people - a.figures.people || compare(a.name, b.name))}
      events={(showAll ? outcomes : outcomes.slice(0, OUTCOMES_SHOWN)).map((o) => ({
        ...o,
        learner: who(o.learnerId),
        mentor: o.mentorId === null ? null : who(o.mentorId),
        area: areaName.get(o.areaId) ?? '',
      }))}
      total={outcomes.length}
      showAll={showAll}
      minToTell={MIN_TO_TELL}
    />,
    { current: '/growth' },
  );
});
