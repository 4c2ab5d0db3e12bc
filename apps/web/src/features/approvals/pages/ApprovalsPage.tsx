import { Button, Descriptions, Form, Input, Modal, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApprovalView } from '../../../generated/types.gen';
import { ApiError } from '../../../shared/api/api-error';
import { messageHalf } from '../../../shared/i18n';
import { applyFieldErrors } from '../../../shared/lib/forms';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import { StateTag } from '../../files';
import { useApprovalList, useDecide, useOrganisationName } from '../api';
import { BoundRecords } from '../components/BoundRecords';
import '../approvals.css';

/**
 * The request was set aside by the API: the records it was bound to changed
 * after it was asked (R5, R6, R23). (APPROVAL_STALE — the file moved on — leaves
 * it pending: the refusal shows in the dialog and the request can be rejected.)
 */
const SET_ASIDE = new Set(['APPROVAL_DATA_CHANGED']);

/** The payload fields that name an organisation: shown by its name. */
const ORGANISATION_FIELDS = new Set(['institutionId', 'toOrganisationId']);
/** The payload fields that hold an instant: shown in the reader's time. */
const INSTANT_FIELDS = new Set(['handedOverAt']);

function OrganisationName({ id }: { id: string }) {
  const name = useOrganisationName(id);
  return <>{name.data ?? id}</>;
}

function Value({ field, value }: { field: string; value: unknown }) {
  if (ORGANISATION_FIELDS.has(field) && typeof value === 'string') return <OrganisationName id={value} />;
  if (INSTANT_FIELDS.has(field) && typeof value === 'string') return <>{dayjs(value).format('YYYY-MM-DD HH:mm')}</>;
  return <>{typeof value === 'string' ? messageHalf(value) : JSON.stringify(value)}</>;
}

/**
 * 审批: the requests awaiting the supervisor — the step asked for, by whom,
 * when, in which state and on which data; approve (the step is re-checked and
 * applied now) or reject with a reason. A request whose data changed meanwhile
 * is set aside by the API and stays on the page marked as such.
 */
export default function ApprovalsPage() {
  const { t } = useTranslation('approvals');
  const list = useApprovalList();
  const decide = useDecide();
  const [form] = Form.useForm<{ reason?: string }>();
  const [open, setOpen] = useState<{ kind: 'approve' | 'reject'; item: ApprovalView } | null>(null);
  const [formError, setFormError] = useState<unknown>(null);
  const [outcomes, setOutcomes] = useState<Record<string, { item: ApprovalView; status: 'stale' | 'approved' | 'rejected' }>>({});
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const pendingIds = new Set(items.map((item) => item.id));
  const decided = Object.values(outcomes).filter(({ item }) => !pendingIds.has(item.id));

  const close = () => {
    setOpen(null);
    setFormError(null);
    form.resetFields();
  };

  const submit = async ({ reason }: { reason?: string }) => {
    if (!open) return;
    const { kind, item } = open;
    setFormError(null);
    try {
      await decide.mutateAsync(kind === 'approve' ? { kind, id: item.id, reason } : { kind, id: item.id, reason: reason ?? '' });
      setOutcomes((current) => ({ ...current, [item.id]: { item, status: kind === 'approve' ? 'approved' : 'rejected' } }));
      close();
    } catch (failure) {
      if (failure instanceof ApiError && SET_ASIDE.has(failure.code)) {
        setOutcomes((current) => ({ ...current, [item.id]: { item, status: 'stale' } }));
        close();
        return;
      }
      setFormError(applyFieldErrors(form, failure, ['reason']));
    }
  };

  const card = (item: ApprovalView, status?: 'stale' | 'approved' | 'rejected') => (
    <li key={item.id} className="approval" data-testid={`approval-${item.id}`}>
      <div className="approval-head">
        <h2 className="card-title">{messageHalf(item.label)}</h2>
        {status && <Tag color={status === 'stale' ? 'warning' : status === 'approved' ? 'success' : undefined}>{t(`status.${status}`)}</Tag>}
        {!status && item.ownRequest && <Tag>{t('item.own')}</Tag>}
      </div>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('item.file')}>
          <Link to={`/files/${item.fileId}`}>{item.fileReference}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('item.state')}>
          <StateTag state={item.requestedInState} />
        </Descriptions.Item>
        <Descriptions.Item label={t('item.requestedBy')}>{item.requestedBy}</Descriptions.Item>
        <Descriptions.Item label={t('item.requestedAt')}>{dayjs(item.requestedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
      </Descriptions>
      <div className="approval-data">
        <div className="ui-muted">{t('item.data')}</div>
        {Object.keys(item.payload).length ? (
          <dl>
            {Object.entries(item.payload).map(([key, value]) => (
              <div key={key}>
                <dt>{t(`payload.${key}`, { defaultValue: key })}</dt>
                <dd>
                  <Value field={key} value={value} />
                </dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="ui-muted">{t('item.noData')}</p>
        )}
      </div>
      <BoundRecords item={item} />
      {!status && !item.ownRequest && (
        <div className="approval-actions">
          <Button type="primary" onClick={() => setOpen({ kind: 'approve', item })}>
            {t('actions.approve')}
          </Button>
          <Button onClick={() => setOpen({ kind: 'reject', item })}>{t('actions.reject')}</Button>
        </div>
      )}
    </li>
  );

  return (
    <Panel level={1} title={t('title')}>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <p className="ui-empty">{t('loading')}</p>
      ) : items.length || decided.length ? (
        <ul className="approvals">
          {decided.map(({ item, status }) => card(item, status))}
          {items.map((item) => card(item, outcomes[item.id]?.status))}
        </ul>
      ) : (
        <p className="ui-empty">{t('empty')}</p>
      )}
      {list.hasNextPage && (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('more')}
        </Button>
      )}
      <Modal
        open={open !== null}
        title={open && `${t(`${open.kind}.title`)} · ${messageHalf(open.item.label)}`}
        okText={open && t(`actions.${open.kind}`)}
        cancelText={t('actions.cancel')}
        okButtonProps={{ loading: decide.isPending }}
        onOk={() => form.submit()}
        onCancel={close}
        destroyOnHidden
      >
        <ErrorAlert error={formError} />
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
          <Form.Item
            name="reason"
            label={open && t(`${open.kind}.reason`)}
            rules={open?.kind === 'reject' ? [{ required: true, whitespace: true, message: t('reject.reasonRequired') }] : []}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Panel>
  );
}
