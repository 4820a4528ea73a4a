// The season page (/study/seasons/:id): read once here, for the GET and for every refused action that shows it again.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../env.ts';
import { idParam } from '../http/forms.ts';
import { notFound, page } from '../http/render.tsx';
import { listAreas } from '../areas/queries.ts';
import { sessionDates } from '../planning/study-schedule/cadence.ts';
import { byName, t } from '../../views/i18n/index.ts';
import { SeasonPage, type SeasonProblems } from '../../views/study/season.tsx';
import { countPapers } from './paper-queries.ts';
import { getSeason, SEASON_STATUSES, seasonParticipants, seasonSessions, skipDatesOf, teamSuggestions, type Season } from './season-queries.ts';

export type C = Context<AppEnv>;
export type FullSeason = Season & { areaIds: number[] };

/** Up to this many people, the add-person input suggests the team's names. */
const SUGGEST_UP_TO = 200;

/** The season named by the route's `:id`, or null (the caller answers 404). */
export async function seasonOf(c: C): Promise<FullSeason | null> {
  const id = idParam(c.req.param('id'));
  return id ? getSeason(c.get('db'), id) : null;
}

/** Runs `act` on the route's season, or answers 404. */
export const withSeason = (act: (c: C, season: FullSeason) => Promise<Response>) => async (c: C) => {
  const season = await seasonOf(c);
  return season ? act(c, season) : notFound(c);
};

/** The season's session dates from its cadence. */
export const datesOf = (s: Season) => sessionDates({ startsOn: s.startsOn, endsOn: s.endsOn, weekday: s.weekday, skipDates: skipDatesOf(s) });

export const seasonTitle = (s: Pick<Season, 'number'>) => t('study.season.numbered', { number: s.number });

/** The status a season moves to next, or null once finished. */
export const nextStatus = (s: Season) => SEASON_STATUSES[SEASON_STATUSES.indexOf(s.status) + 1] ?? null;

export async function seasonPage(c: C, season: FullSeason, opts: { problems?: SeasonProblems; personValue?: string; status?: ContentfulStatusCode } = {}) {
  const db = c.get('db');
  const user = c.get('user')!;
  const manager = user.role === 'manager';
  const published = season.scheduleStatus === 'published';
  const [areas, participants, sessions, paperCount, suggestions] = await Promise.all([
    listAreas(db, { includeArchived: true }),
    seasonParticipants(db, season.id),
    published ? seasonSessions(db, season.id) : null,
    countPapers(db, season.id),
    manager ? teamSuggestions(db, SUGGEST_UP_TO) : null,
  ]);
  const people = byName(participants.filter((p) => p.leftAt === null));
  const areaNames = areas.filter((a) => season.areaIds.includes(a.id)).map((a) => a.name);
  const body = (
    <SeasonPage
      season={season}
      dates={datesOf(season)}
      skipDates={skipDatesOf(season)}
      areaNames={areaNames}
      people={people}
      viewer={{ id: user.id, manager, me: people.find((p) => p.userId === user.id) ?? null }}
      sessions={sessions}
      paperCount={paperCount}
      suggestions={suggestions}
      nextStatus={nextStatus(season)}
      problems={opts.problems}
      personValue={opts.personValue}
    />
  );
  return page(c, `${seasonTitle(season)} · ${season.name}`, body, { current: '/study', status: opts.status });
}

/** GET /study/seasons/:id */
export async function showSeason(c: C) {
  const season = await seasonOf(c);
  return season ? seasonPage(c, season) : notFound(c);
}
