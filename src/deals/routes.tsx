// Deals with partner teams: the URLs of the board, one deal, the editor and the actions (handlers in *-routes.tsx beside this file).
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { idParam } from '../http/forms.ts';
import { notFound } from '../http/render.tsx';
import { accept, comment, moveStatus, rate, tickItem } from './action-routes.tsx';
import { counterPropose, editForm, editInPlace, proposalForm, proposeDeal } from './edit-routes.tsx';
import { dealPage, routeDeal, showBoard } from './page-routes.tsx';

export const dealRoutes = new Hono<AppEnv>()
  .get('/', showBoard)
  .post('/', proposeDeal)
  // '/:id' is registered before '/new' and passes non-numeric ids on, so the access guard (which reads the
  // last matching route) sees '/deals/new' for the proposal form; the form checks the role itself as well.
  .get('/:id', async (c, next) => {
    if (!idParam(c.req.param('id'))) return next();
    const deal = await routeDeal(c);
    return deal ? dealPage(c, deal) : notFound(c);
  })
  .get('/new', proposalForm)
  .get('/:id/edit', editForm)
  .post('/:id', editInPlace)
  .post('/:id/counter', counterPropose)
  .post('/:id/status', moveStatus)
  .post('/:id/comments', comment)
  .post('/:id/ratings', rate)
  .post('/:id/accept', accept)
  .post('/:id/items/:itemId/done', tickItem);
