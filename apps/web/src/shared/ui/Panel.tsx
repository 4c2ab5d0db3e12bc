import { useId, type ReactNode } from 'react';
import './ui.css';

/** A titled panel, looking like antd's Card without its weight (Card brings the tabs along). */
export function Panel({ title, level = 2, extra, children }: { title?: ReactNode; level?: 1 | 2; extra?: ReactNode; children: ReactNode }) {
  const Heading = level === 1 ? 'h1' : 'h2';
  const headingId = useId();
  // Named by its heading, a panel is a region a screen reader can list and jump to.
  return (
    <section className="ui-panel" aria-labelledby={title ? headingId : undefined}>
      {(title || extra) && (
        <header className="ui-panel-header">
          {title && (
            <Heading id={headingId} className={level === 1 ? 'page-title' : 'card-title'}>
              {title}
            </Heading>
          )}
          {extra}
        </header>
      )}
      <div className="ui-panel-body">{children}</div>
    </section>
  );
}
