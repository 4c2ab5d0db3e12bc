import { Alert, Button, Dropdown, Flex, Form, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AvailableTransition, FileView } from '../../../generated/types.gen';
import { messageHalf } from '../../../shared/i18n/message-half';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import { useFileWrites, useTransitions } from '../api';
import { ActionModal } from './actions/ActionModal';
import { EVENT_FORMS, isKnownEvent } from './actions/eventForms';
import { GuardianForm, InterviewForm, ReturnHomeForm } from './actions/recordForms';

type RecordAction = 'interview' | 'returnHome' | 'guardian';
type Open = { kind: 'event'; transition: AvailableTransition } | { kind: 'record'; action: RecordAction } | null;

/** A refusal's code → the record that lifts it: the remedy is offered where the reason is shown. */
const REMEDIES: Record<string, RecordAction> = {
  INTERVIEW_REQUIRED: 'interview',
  RETURN_HOME_REQUIRED: 'returnHome',
  GUARDIAN_REQUIRED: 'guardian',
};

/**
 * 可办理事项, built from GET /files/:id/transitions only (WEB.md §4): the
 * allowed steps as buttons (the first primary, two more, the rest under
 * 更多), the others greyed with their reasons; a step that needs approval is
 * submitted for it. Records a refusal asks for first are offered beside it.
 */
export function ActionsPanel({ file, canFire }: { file: FileView; canFire: boolean }) {
  const { t } = useTranslation('files');
  const transitions = useTransitions(file.id);
  const writes = useFileWrites(file.id);
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [form] = Form.useForm<Record<string, unknown>>();
  const list = (transitions.data?.transitions ?? []).filter((transition) => isKnownEvent(transition.event));
  const allowed = canFire ? list.filter((transition) => transition.allowed) : [];
  const disabled = list.filter((transition) => !canFire || !transition.allowed);
  const version = file.version;

  const records = new Set<RecordAction>();
  for (const transition of list) for (const reason of transition.reasons) if (REMEDIES[reason.code]) records.add(REMEDIES[reason.code]);
  // The return home can be corrected as long as the reunification it prepares is ahead.
  if (list.some((transition) => transition.event === 'reunify')) records.add('returnHome');
  if (file.interviewRecorded) records.delete('interview');

  const openEvent = (transition: AvailableTransition) => {
    form.resetFields();
    setNotice(null);
    setOpen({ kind: 'event', transition });
  };
  const done = () => {
    setOpen(null);
    setNotice(t('actions.saved'));
  };
  const label = (transition: AvailableTransition) => messageHalf(transition.label);
  const button = (transition: AvailableTransition, primary: boolean) => (
    <Button key={transition.event} type={primary ? 'primary' : 'default'} onClick={() => openEvent(transition)} block>
      {label(transition)}
      {transition.needsApproval && <span className="file-action-approval">{t('actions.needsApproval')}</span>}
    </Button>
  );

  return (
    <Panel title={t('actions.title')}>
      <ErrorAlert error={transitions.error} />
      {notice && <Alert type="success" showIcon title={notice} closable={{ onClose: () => setNotice(null) }} style={{ marginBottom: 12 }} role="status" />}
      {records.size > 0 && (
        <div className="file-actions-group">
          <Typography.Text type="secondary">{t('actions.records')}</Typography.Text>
          <Flex vertical gap={8}>
            {[...records].map((action, index) => (
              <Button key={action} type={index === 0 ? 'primary' : 'default'} onClick={() => (setNotice(null), setOpen({ kind: 'record', action }))} block>
                {t(`actions.${action}`)}
              </Button>
            ))}
          </Flex>
        </div>
      )}
      {allowed.length > 0 && (
        <Flex vertical gap={8} className="file-actions-group">
          {allowed.slice(0, 3).map((transition, index) => button(transition, index === 0 && records.size === 0))}
          {allowed.length > 3 && (
            <Dropdown
              menu={{
                items: allowed.slice(3).map((transition) => ({ key: transition.event, label: label(transition) })),
                onClick: ({ key }) => openEvent(allowed.find((transition) => transition.event === key)!),
              }}
            >
              <Button block>{t('actions.more')}</Button>
            </Dropdown>
          )}
        </Flex>
      )}
      {transitions.isSuccess && list.length === 0 && <Typography.Text type="secondary">{t('actions.none')}</Typography.Text>}
      {disabled.length > 0 && (
        <div className="file-actions-group">
          <Typography.Text type="secondary">{t('actions.unavailable')}</Typography.Text>
          <ul className="file-actions-disabled">
            {disabled.map((transition) => {
              const reasons = transition.reasons.map((reason) => messageHalf(reason.message)).join('；');
              return (
                <li key={transition.event}>
                  <Tooltip title={reasons}>
                    <Button disabled block>
                      {label(transition)}
                    </Button>
                  </Tooltip>
                  {reasons && <div className="file-action-reason">{reasons}</div>}
                </li>
              );
            })}
          </ul>
        </div>
      )}

      {open?.kind === 'event' && (
        <ActionModal<Record<string, unknown>>
          title={label(open.transition)}
          okText={open.transition.needsApproval ? t('actions.submitApproval') : t('actions.submit')}
          form={form}
          fields={EVENT_FORMS[open.transition.event as keyof typeof EVENT_FORMS].fields}
          version={version}
          initialValues={EVENT_FORMS[open.transition.event as keyof typeof EVENT_FORMS].initialValues?.()}
          onSubmit={(values) => {
            const event = open.transition.event as keyof typeof EVENT_FORMS;
            return writes.fire(EVENT_FORMS[event].body(event, version, (values.payload ?? {}) as Record<string, unknown>));
          }}
          onDone={(result) => {
            setOpen(null);
            const outcome = (result as { outcome?: string } | undefined)?.outcome;
            setNotice(t(outcome === 'approval_requested' ? 'actions.requested' : 'actions.applied', { label: label(open.transition) }));
          }}
          onClose={() => setOpen(null)}
        >
          {(() => {
            const Fields = EVENT_FORMS[open.transition.event as keyof typeof EVENT_FORMS].Fields;
            return <Fields />;
          })()}
        </ActionModal>
      )}
      {open?.kind === 'record' && open.action === 'interview' && <InterviewForm fileId={file.id} version={version} onClose={() => setOpen(null)} onDone={done} />}
      {open?.kind === 'record' && open.action === 'returnHome' && (
        <ReturnHomeForm
          fileId={file.id}
          version={version}
          onClose={() => setOpen(null)}
          onDone={done}
          current={
            file.returnHome && {
              recipientName: file.returnHome.recipientName,
              relation: file.returnHome.relation,
              recipientIdNumber: file.returnHome.recipientIdNumber ?? undefined,
              recipientIdNumberVerified: file.returnHome.recipientIdNumberVerified,
              recipientPhone: file.returnHome.recipientPhone ?? undefined,
              address: file.returnHome.address,
              placeCode: file.returnHome.placeCode,
              travelArrangements: file.returnHome.travelArrangements ?? undefined,
              escortedBy: file.returnHome.escortedBy ?? undefined,
            }
          }
        />
      )}
      {open?.kind === 'record' && open.action === 'guardian' && <GuardianForm fileId={file.id} version={version} onClose={() => setOpen(null)} onDone={done} />}
    </Panel>
  );
}
