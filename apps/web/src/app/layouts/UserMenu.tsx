import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The user menu: a disclosure (button + list), closed by Escape or a click elsewhere. Plain markup keeps the shell light. */
export function UserMenu({ name, onChangePassword, onSignOut }: { name: string; onChangePassword: () => void; onSignOut: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);
  const choose = (action: () => void) => () => {
    setOpen(false);
    action();
  };
  return (
    <div className="user-menu" ref={root}>
      <button
        type="button"
        className="ui-text-button ui-text-button-dark"
        aria-expanded={open}
        aria-controls={id}
        aria-label={`${t('user.menu')}: ${name}`}
        onClick={() => setOpen(!open)}
      >
        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
          <path fill="currentColor" d="M12 12a5 5 0 1 0 0-10 5 5 0 0 0 0 10Zm0-2a3 3 0 1 1 0-6 3 3 0 0 1 0 6Zm-8 12a8 8 0 0 1 16 0h-2a6 6 0 0 0-12 0H4Z" />
        </svg>
        <span className="shell-user-name">{name}</span>
      </button>
      {open && (
        <ul id={id} className="user-menu-list">
          <li>
            <button type="button" onClick={choose(onChangePassword)}>
              {t('user.changePassword')}
            </button>
          </li>
          <li>
            <button type="button" onClick={choose(onSignOut)}>
              {t('user.signOut')}
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}
