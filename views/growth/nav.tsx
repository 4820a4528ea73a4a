// The tabs of the growth pages (managers): over time, outcomes, key people. Each page passes which one it is.
import { t } from '../i18n/index.ts';

export type GrowthTab = 'overTime' | 'outcomes' | 'risk';

const TABS: ReadonlyArray<{ tab: GrowthTab; href: string; key: 'growth.nav.overTime' | 'growth.nav.outcomes' | 'growth.nav.risk' }> = [
  { tab: 'overTime', href: '/growth', key: 'growth.nav.overTime' },
  { tab: 'outcomes', href: '/growth/outcomes', key: 'growth.nav.outcomes' },
  { tab: 'risk', href: '/growth/risk', key: 'growth.nav.risk' },
];

export function GrowthNav(p: { current: GrowthTab }) {
  return (
    <nav class="st-links growth-tabs" aria-label={t('growth.nav.label')}>
      {TABS.map((x) => (
        <a href={x.href} aria-current={x.tab === p.current ? 'page' : undefined}>
          {t(x.key)}
        </a>
      ))}
    </nav>
  );
}
