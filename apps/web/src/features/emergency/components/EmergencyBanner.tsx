import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { canCall, useMe } from '../../../shared/auth/me';
import { useMyEmergencyAccess } from '../api';
import '../emergency.css';

/** Minutes left, counted down each 30 s on the page (display only: the API decides when the access ends). */
function useMinutesLeft(until: string | Date | undefined): number {
  const [now, setNow] = useState(() => dayjs());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(dayjs()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  return until ? Math.max(0, dayjs(until).diff(now, 'minute')) : 0;
}

function Line({ fileId, reference, expiresAt }: { fileId: string; reference: string; expiresAt: string | Date }) {
  const { t } = useTranslation('emergency');
  const minutes = useMinutesLeft(expiresAt);
  return (
    <li>
      {t('banner.line', { hours: Math.floor(minutes / 60), minutes: minutes % 60 })} <Link to={`/files/${fileId}`}>{reference}</Link>
      <span className="ui-muted"> · {t('banner.until', { time: dayjs(expiresAt).format('HH:mm') })}</span>
    </li>
  );
}

/** The emergency accesses in force, with the time left: on the workbench and the emergency-access page. */
export function EmergencyBanner() {
  const { t } = useTranslation('emergency');
  const me = useMe().data;
  const mine = useMyEmergencyAccess(canCall(me, 'emergency_access_mine'));
  const active = mine.data?.items.filter((item) => item.active && dayjs(item.expiresAt).isAfter(dayjs())) ?? [];
  if (!active.length) return null;
  return (
    <div role="status" className="emergency-banner">
      <strong>{t('banner.title')}</strong>
      <ul>
        {active.map((item) => (
          <Line key={item.id} fileId={item.fileId} reference={item.fileReference} expiresAt={item.expiresAt} />
        ))}
      </ul>
    </div>
  );
}
