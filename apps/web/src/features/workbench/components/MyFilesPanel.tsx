import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NextDueView } from '../../../generated/types.gen';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import { isMinor, MinorTag, StateTag } from '../../files';
import { useMyFiles } from '../api';

/** What is due next on a file: its kind and day, overdue in words and in colour. */
function NextDue({ due }: { due: NextDueView | null }) {
  const { t } = useTranslation('workbench');
  if (!due) return <div className="workbench-due">{t('myFiles.nothingDue')}</div>;
  return (
    <div className={due.overdue ? 'workbench-due workbench-due-overdue' : 'workbench-due'}>
      {t('myFiles.next', { what: t(`overdue.kinds.${due.kind}`), on: due.dueOn })}
      {due.overdue && <strong className="workbench-overdue-flag">{t('myFiles.overdue')}</strong>}
    </div>
  );
}

/** 我的个案: the open files the user is responsible for, each with what is due next, the nearest (and the overdue) first — the API's order. */
export function MyFilesPanel() {
  const { t } = useTranslation('workbench');
  const myFiles = useMyFiles();
  const files = myFiles.data?.items ?? [];
  return (
    <Panel title={t('myFiles.title')} extra={<Link to="/files">{t('myFiles.all')}</Link>}>
      <ErrorAlert error={myFiles.error} />
      {myFiles.isPending ? (
        <p className="ui-empty">{t('common:states.loading')}</p>
      ) : files.length ? (
        <ul className="ui-list">
          {files.map((file) => (
            <li key={file.id} data-overdue={file.nextDue?.overdue ?? false}>
              <div>
                <div>
                  <Link to={`/files/${file.id}`}>{file.reference}</Link> {file.name}
                </div>
                <NextDue due={file.nextDue} />
              </div>
              <span className="workbench-tags">
                <StateTag state={file.state} />
                {isMinor(file.age) && <MinorTag />}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="ui-empty">{t('myFiles.empty')}</p>
      )}
    </Panel>
  );
}
