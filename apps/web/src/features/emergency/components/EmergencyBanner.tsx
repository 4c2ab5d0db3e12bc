import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EmergencyAccessView } from '../../../generated/types.gen';
import { canCall, useMe } from '../../../shared/auth/me';
import { useMyEmergencyAccess } from '../api';
import '../emergency.css';

/**
 * Minutes left, counted down on the page from the server's `secondsLeft` as
 * it was fetched (an office PC's clock may be wrong; the API decides
 * when the access ends).
 */
function useMinutesLeft(secondsLeft: number): number {
  // Elapsed time by performance.now() (monotonic), from when this secondsLeft arrived.
  const [base, setBase] = useState(() => ({ secondsLeft, at: performance.now() }));
  const [tick, setTick] = useState(() => performance.now());
  if (base.secondsLeft !== secondsLeft) setBase({ secondsLeft, at: performance.now() });
  useEffect(() => {
    const timer = window.setInterval(() => setTick(performance.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  return Math.max(0, Math.floor((base.secondsLeft - Math.max(0, tick - base.at) / 1000) / 60));
}

function Line({ item }: { item: EmergencyAccessView }) {
  const { t } = useTranslation('emergency');
  const minutes = useMinutesLeft(item.secondsLeft);
  return (
    <li>
      {t('banner.line', { hours: Math.floor(minutes / 60), minutes: minutes % 60 })} <Link to={`/files/${item.fileId}`}>{item.fileReference}</Link>
    </li>
  );
}

/** The emergency accesses in force, with the time left: on the workbench and the emergency-access page. */
export function EmergencyBanner() {
  const { t } = useTranslation('emergency');
  const me = useMe().data;
  const mine = useMyEmergencyAccess(canCall(me, 'emergency_access_mine'));
  const active = mine.data?.items.filter((item) => item.active && item.secondsLeft > 0) ?? [];
  if (!active.length) return null;
  return (
    <div role="status" className="emergency-banner">
      <strong>{t('banner.title')}</strong>
      <ul>
        {active.map((item) => (
          <Line key={item.id} item={item} />
        ))}
      </ul>
    </div>
  );
}
