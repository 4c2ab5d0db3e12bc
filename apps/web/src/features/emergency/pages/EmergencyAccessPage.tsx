import { Button, Form, Input, Segmented, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { EmergencyAccessView } from '../../../generated/types.gen';
import { canCall, useMe } from '../../../shared/auth/me';
import { applyFieldErrors } from '../../../shared/lib/forms';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import { useEmergencyForReview, useMyEmergencyAccess, useOpenEmergencyAccess, useReviewEmergencyAccess } from '../api';
import { EmergencyBanner } from '../components/EmergencyBanner';
import '../emergency.css';

const at = (time: string | Date) => dayjs(time).format('YYYY-MM-DD HH:mm');

/** Mark one access reviewed, with the note (once). */
function ReviewForm({ item }: { item: EmergencyAccessView }) {
  const { t } = useTranslation('emergency');
  const review = useReviewEmergencyAccess();
  const [form] = Form.useForm<{ note: string }>();
  const [error, setError] = useState<unknown>(null);
  const submit = async ({ note }: { note: string }) => {
    setError(null);
    try {
      await review.mutateAsync({ id: item.id, note });
    } catch (failure) {
      setError(applyFieldErrors(form, failure, ['note']));
    }
  };
  return (
    <Form form={form} className="emergency-review" onFinish={(values) => void submit(values)} requiredMark={false}>
      <ErrorAlert error={error} />
      <Form.Item name="note" label={t('review.note')} rules={[{ required: true, whitespace: true, message: t('review.noteRequired') }]} style={{ flex: '1 1 280px', margin: 0 }}>
        <Input />
      </Form.Item>
      <Button htmlType="submit" type="primary" loading={review.isPending}>
        {t('review.submit')}
      </Button>
    </Form>
  );
}

function Entry({ item, reviewing }: { item: EmergencyAccessView; reviewing: boolean }) {
  const { t } = useTranslation('emergency');
  return (
    <li data-testid={`emergency-${item.id}`}>
      <div className="emergency-head">
        <Link to={`/files/${item.fileId}`}>{item.fileReference}</Link>
        {item.active ? <Tag color="error">{t('status.active')}</Tag> : <Tag>{t('status.ended')}</Tag>}
        {item.review ? <Tag color="success">{t('status.reviewed')}</Tag> : <Tag color="warning">{t('status.unreviewed')}</Tag>}
      </div>
      {reviewing && (
        <div className="ui-muted">
          {item.user.displayName} ({item.user.username}) · {item.user.organisationName}
        </div>
      )}
      <p className="emergency-reason">{item.reason}</p>
      <div className="ui-muted">{t('item.window', { from: at(item.grantedAt), to: at(item.expiresAt) })}</div>
      {item.review && <div className="ui-muted">{t('item.review', { by: item.review.by, at: at(item.review.at), note: item.review.note })}</div>}
      {reviewing && !item.review && <ReviewForm item={item} />}
    </li>
  );
}

/**
 * 紧急访问 ("break the glass"): a supervisor opens a file outside their scope
 * for a limited time with a reason; the accesses in force show with the time
 * left; the level above reviews them with a note.
 */
export default function EmergencyAccessPage() {
  const { t } = useTranslation('emergency');
  const me = useMe().data;
  const [params] = useSearchParams();
  const [form] = Form.useForm<{ fileId: string; reason: string }>();
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<'unreviewed' | 'all'>('unreviewed');
  const mayOpen = canCall(me, 'emergency_access_open');
  const mayReview = canCall(me, 'emergency_access_for_review');
  const mine = useMyEmergencyAccess(canCall(me, 'emergency_access_mine'));
  const toReview = useEmergencyForReview(status, mayReview);
  const open = useOpenEmergencyAccess();

  const submit = async (values: { fileId: string; reason: string }) => {
    setError(null);
    try {
      await open.mutateAsync({ fileId: values.fileId.trim(), reason: values.reason });
      form.resetFields(['reason']);
    } catch (failure) {
      setError(applyFieldErrors(form, failure, ['fileId', 'reason']));
    }
  };

  return (
    <div>
      <h1 className="page-title">{t('title')}</h1>
      <EmergencyBanner />
      <div className="emergency-columns">
        {mayOpen && (
          <Panel title={t('open.title')}>
            <p className="ui-muted">{t('open.intro')}</p>
            <ErrorAlert error={error} />
            <Form form={form} layout="vertical" initialValues={{ fileId: params.get('fileId') ?? '' }} onFinish={(values) => void submit(values)} requiredMark={false}>
              <Form.Item name="fileId" label={t('open.fileId')} extra={t('open.fileIdHelp')} rules={[{ required: true, whitespace: true, message: t('open.fileIdRequired') }]}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item name="reason" label={t('open.reason')} extra={t('open.reasonHelp')} rules={[{ required: true, whitespace: true, message: t('open.reasonRequired') }]}>
                <Input.TextArea rows={3} maxLength={1000} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={open.isPending}>
                {t('open.submit')}
              </Button>
            </Form>
          </Panel>
        )}
        {mayOpen && (
          <Panel title={t('mine.title')}>
            <ErrorAlert error={mine.error} />
            {mine.data?.items.length ? (
              <ul className="emergency-list">
                {mine.data.items.map((item) => (
                  <Entry key={item.id} item={item} reviewing={false} />
                ))}
              </ul>
            ) : (
              <p className="ui-empty">{mine.isPending ? t('loading') : t('mine.empty')}</p>
            )}
          </Panel>
        )}
      </div>
      {mayReview && (
        <Panel
          title={t('review.title')}
          extra={
            <Segmented
              aria-label={t('review.filter')}
              value={status}
              onChange={(value) => setStatus(value as 'unreviewed' | 'all')}
              options={[
                { value: 'unreviewed', label: t('review.unreviewed') },
                { value: 'all', label: t('review.all') },
              ]}
            />
          }
        >
          <ErrorAlert error={toReview.error} />
          {toReview.data?.items.length ? (
            <ul className="emergency-list">
              {toReview.data.items.map((item) => (
                <Entry key={item.id} item={item} reviewing />
              ))}
            </ul>
          ) : (
            <p className="ui-empty">{toReview.isPending ? t('loading') : t('review.empty')}</p>
          )}
        </Panel>
      )}
    </div>
  );
}
