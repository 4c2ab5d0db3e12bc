import { Modal, type ModalProps } from 'antd';
import { useEffect, useState } from 'react';

/**
 * A form's dialog, mounted while it is open. antd gives the focus back to
 * what opened a Modal only when the Modal outlives its closing; ours are
 * unmounted, so the element that had the focus when the dialog was first
 * drawn gets it back when the dialog goes (WCAG 2.4.3) — if it is still
 * on the page (a step done may have taken its button away).
 */
export function Dialog(props: Omit<ModalProps, 'open'>) {
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(
    () => () => {
      requestAnimationFrame(() => {
        if (opener?.isConnected) opener.focus();
      });
    },
    [opener],
  );
  return <Modal open {...props} />;
}
