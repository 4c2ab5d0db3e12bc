import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import '../admin.css';

export const ADMIN_SECTIONS = ['users', 'organisations', 'jurisdictions', 'calendar', 'audit'] as const;

/** 系统管理: the administrator's sections as links (each its own URL, so a reload or a shared link keeps it). */
export default function AdminLayout() {
  const { t } = useTranslation('admin');
  return (
    <div className="admin">
      <nav className="admin-sections" aria-label={t('sections.label')}>
        <ul>
          {ADMIN_SECTIONS.map((section) => (
            <li key={section}>
              <NavLink to={`/admin/${section}`}>{t(`sections.${section}`)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
