// The dashboard: each feature contributes its own section for the signed-in user.
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { page } from '../http/render.tsx';
import { matrixModel, type MatrixModel } from '../matrix/model.ts';
import { skillsDashboard } from '../ratings/dashboard.ts';
import { pairingsDashboard } from '../pairings/dashboard.ts';
import { workDashboard } from '../work/dashboard.ts';
import { dealsDashboard } from '../deals/dashboard.ts';
import { studyDashboard } from '../study/dashboard.ts';
import { DealsDashboard } from '../../views/deals/dashboard.tsx';
import { t } from '../../views/i18n/index.ts';
import { PairingsDashboard } from '../../views/pairings/dashboard.tsx';
import { SkillsDashboard } from '../../views/ratings/dashboard.tsx';
import { StudyDashboard } from '../../views/study/dashboard.tsx';
import { WorkDashboard } from '../../views/work/dashboard.tsx';

export const dashboardRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const user = c.get('user')!;
  const deals = () => dealsDashboard(c).then((data) => <DealsDashboard {...data} />);
  // The skills and work sections of a manager both read the matrix model: read once for both.
  let shared: Promise<MatrixModel> | undefined;
  const model = () => (shared ??= matrixModel(c.get('db')));
  const sections =
    user.role === 'partner'
      ? [await deals()]
      : await Promise.all([skillsDashboard(c, model).then((data) => <SkillsDashboard {...data} />), pairingsDashboard(c).then((data) => <PairingsDashboard {...data} />), workDashboard(c, model).then((data) => <WorkDashboard {...data} />), studyDashboard(c).then((data) => <StudyDashboard {...data} />), deals()]);
  return page(
    c,
    t('dashboard.title'),
    <>
      <h1>{t('dashboard.hello', { name: user.name })}</h1>
      <div class="dashboard">{sections}</div>
    </>,
    { current: '/' },
  );
});
