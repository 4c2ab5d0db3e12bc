import { Alert, Descriptions, Space, Steps, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { FileView, MeView } from '../../../generated/types.gen';
import { canCall, useMe } from '../../../shared/auth/me';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { isNotFound, NotFoundResult } from '../../../shared/ui/NotFoundResult';
import { Panel } from '../../../shared/ui/Panel';
import { useFile } from '../api';
import { ActionsPanel } from '../components/ActionsPanel';
import { isMinor, MinorTag, StateTag } from '../components/StateTag';
import '../files.css';

interface FileTab {
  key: 'basic' | 'interview' | 'care' | 'tracing' | 'household' | 'referrals' | 'followup' | 'history' | 'access';
  component: ComponentType<{ file: FileView }>;
  /** The operation the tab reads: shown when the API's x-roles of it include the role. */
  operation?: string;
}

/** The tabs (WEB.md §4): each lazy, each fetching its own data; the one shown is in the URL (?tab=). */
const TABS: readonly FileTab[] = [
  { key: 'basic', component: lazy(() => import('../tabs/BasicTab')) },
  { key: 'interview', component: lazy(() => import('../tabs/InterviewTab')), operation: 'interview_read' },
  { key: 'care', component: lazy(() => import('../tabs/CareTab')) },
  { key: 'tracing', component: lazy(() => import('../../tracing').then((m) => ({ default: m.TracingTab }))), operation: 'tracing_files_get' },
  { key: 'household', component: lazy(() => import('../../household').then((m) => ({ default: m.HouseholdTab }))), operation: 'household_tasks_get' },
  { key: 'referrals', component: lazy(() => import('../../referrals').then((m) => ({ default: m.ReferralsTab }))), operation: 'referrals_list_for_file' },
  { key: 'followup', component: lazy(() => import('../../followup').then((m) => ({ default: m.FollowupTab }))), operation: 'followup_plan' },
  { key: 'history', component: lazy(() => import('../tabs/HistoryTab')), operation: 'files_history' },
  { key: 'access', component: lazy(() => import('../tabs/AccessTab')), operation: 'audit_file' },
];

/** The file's course in five steps (the header's Steps); a state sits on one of them. */
const STEPS = ['received', 'care', 'outcome', 'followUp', 'closed'] as const;
const STEP_OF: Record<FileView['state'], number> = {
  received: 0,
  in_care: 1,
  returning_home: 1,
  tracing: 1,
  repatriation: 1,
  reunified: 2,
  locally_resettled: 2,
  repatriated: 2,
  follow_up: 3,
  closed: 4,
};

const visibleTabs = (me: MeView | null | undefined) => TABS.filter((tab) => !tab.operation || canCall(me, tab.operation));

/** The file: its header, the actions panel (from the transitions endpoint) beside the tabs. */
export default function FilePage() {
  const { t } = useTranslation('files');
  const { id = '' } = useParams();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const file = useFile(id);
  if (file.error) return isNotFound(file.error) ? <NotFoundResult /> : <ErrorAlert error={file.error} />;
  const data = file.data;
  if (file.isPending || !data) return <p className="ui-empty">{t('common:states.loading')}</p>;
  if (data.audience === 'partner') {
    return (
      <Panel>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {data.reference}
        </Typography.Title>
      </Panel>
    );
  }
  const tabs = visibleTabs(me.data);
  const active = tabs.find((tab) => tab.key === params.get('tab'))?.key ?? 'basic';
  const selectTab = (key: string) => {
    const next = new URLSearchParams(params);
    if (key === 'basic') next.delete('tab');
    else next.set('tab', key);
    setParams(next, { replace: true });
  };
  const eventLabel = (event: string) => t(`event.${event}`, { defaultValue: event });

  return (
    <div className="file-page">
      <Panel>
        <Space align="center" wrap style={{ marginBottom: 16 }}>
          <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
            {data.person.name ?? t('unnamed')}
          </Typography.Title>
          <StateTag state={data.state} />
          {isMinor(data.person.age) && <MinorTag />}
        </Space>
        <Steps
          size="small"
          current={STEP_OF[data.state]}
          status={data.state === 'closed' ? 'finish' : 'process'}
          items={STEPS.map((step) => ({ title: t(`steps.${step}`) }))}
          style={{ marginBottom: 16 }}
        />
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label={t('columns.reference')}>{data.reference}</Descriptions.Item>
          <Descriptions.Item label={t('file.bureau')}>{data.responsibleOrganisation.name}</Descriptions.Item>
          <Descriptions.Item label={t('columns.caseworker')}>{data.responsibleCaseworker?.displayName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('columns.jurisdiction')}>{data.responsibleJurisdiction.name}</Descriptions.Item>
          <Descriptions.Item label={t('file.institution')}>{data.currentInstitution?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('columns.openedAt')}>{dayjs(data.openedAt).format('YYYY-MM-DD')}</Descriptions.Item>
          <Descriptions.Item label={t('file.version')}>{data.version}</Descriptions.Item>
        </Descriptions>
        {data.pendingApprovals.map((approval) => (
          <Alert
            key={approval.id}
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            title={t('file.pending', { label: eventLabel(approval.event) })}
            description={t('file.pendingBy', { by: approval.requestedBy, at: dayjs(approval.requestedAt).format('YYYY-MM-DD HH:mm') })}
          />
        ))}
        {data.openTransfer && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('file.transfer', { to: data.openTransfer.toOrganisation })} />}
      </Panel>
      <div className="file-layout">
        <aside className="file-side">{canCall(me.data, 'transitions_available') && <ActionsPanel file={data} canFire={canCall(me.data, 'transitions_fire')} />}</aside>
        <section className="file-main ui-panel">
          <Tabs
            activeKey={active}
            onChange={selectTab}
            items={tabs.map((tab) => ({
              key: tab.key,
              label: t(`tabs.${tab.key}`),
              children: (
                <Suspense fallback={<p className="ui-empty">{t('common:states.loading')}</p>}>
                  <tab.component file={data} />
                </Suspense>
              ),
            }))}
            destroyOnHidden
          />
        </section>
      </div>
    </div>
  );
}
