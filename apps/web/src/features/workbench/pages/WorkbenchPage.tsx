import { Badge, Button, Card, Col, Empty, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NotificationView } from '../../../generated/types.gen';
import { canCall, useMe } from '../../../shared/auth/me';
import { messageHalf } from '../../../shared/i18n';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { isMinor, MinorTag, StateTag, useFileList } from '../../files';
import { useApprovals, useInbox, useInboxAction, useInboxCounts } from '../api';

/** 工作台: what needs the user today — the inbox with its counts, their files, approvals awaiting them. */
export default function WorkbenchPage() {
  const { t } = useTranslation('workbench');
  const me = useMe().data;
  const counts = useInboxCounts();
  const inbox = useInbox();
  const action = useInboxAction();
  const mayApprove = canCall(me, 'approvals_list');
  const approvals = useApprovals(mayApprove);
  const myFiles = useFileList({ caseworkerId: me?.userId }, 10);
  const files = myFiles.data?.pages.flatMap((page) => page.items) ?? [];

  const actionsOf = (item: NotificationView) => {
    const buttons = [];
    if (item.reminderId && item.reminderStatus !== 'acknowledged' && item.reminderStatus !== 'cancelled') {
      buttons.push(
        <Button key="ack" size="small" type="primary" onClick={() => action.mutate({ kind: 'acknowledge', id: item.reminderId! })}>
          {t('inbox.acknowledge')}
        </Button>,
      );
    }
    if (!item.readAt) {
      buttons.push(
        <Button key="read" size="small" onClick={() => action.mutate({ kind: 'read', id: item.id })}>
          {t('inbox.markRead')}
        </Button>,
      );
    }
    return buttons;
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={1} className="page-title">
        {t('title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('counts.unread')} value={counts.data?.unread ?? 0} loading={counts.isPending} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('counts.total')} value={counts.data?.total ?? 0} loading={counts.isPending} />
          </Card>
        </Col>
      </Row>
      <ErrorAlert error={counts.error ?? inbox.error ?? action.error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={<h2 className="card-title">{t('inbox.title')}</h2>} extra={<Badge count={counts.data?.unread ?? 0} />}>
            <List
              loading={inbox.isPending}
              dataSource={inbox.data?.items ?? []}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.empty')} /> }}
              renderItem={(item) => (
                <List.Item actions={actionsOf(item)}>
                  <List.Item.Meta
                    title={
                      <Space size={4} wrap>
                        {!item.readAt && <Badge status="processing" />}
                        {messageHalf(item.title)}
                        {item.escalationLevel > 0 && <Tag color="orange">{t('inbox.escalated', { level: item.escalationLevel })}</Tag>}
                      </Space>
                    }
                    description={
                      <>
                        <div>{messageHalf(item.body)}</div>
                        <Space size={8} wrap>
                          {item.fileId && <Link to={`/files/${item.fileId}`}>{item.fileReference}</Link>}
                          <Typography.Text type="secondary">{dayjs(item.createdAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>
                        </Space>
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {mayApprove && (
              <Card title={<h2 className="card-title">{t('approvals.title')}</h2>}>
                <ErrorAlert error={approvals.error} />
                <List
                  loading={approvals.isPending}
                  dataSource={approvals.data?.items ?? []}
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('approvals.empty')} /> }}
                  renderItem={(item) => (
                    <List.Item>
                      <List.Item.Meta
                        title={<Link to={`/files/${item.fileId}`}>{item.fileReference}</Link>}
                        description={`${item.event} · ${item.requestedBy} · ${dayjs(item.requestedAt).format('YYYY-MM-DD HH:mm')}`}
                      />
                    </List.Item>
                  )}
                />
              </Card>
            )}
            <Card title={<h2 className="card-title">{t('myFiles.title')}</h2>} extra={<Link to="/files">{t('myFiles.all')}</Link>}>
              <ErrorAlert error={myFiles.error} />
              <List
                loading={myFiles.isPending}
                dataSource={files}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('myFiles.empty')} /> }}
                renderItem={(file) => (
                  <List.Item>
                    <Space size={4} wrap>
                      <Link to={`/files/${file.id}`}>{file.reference}</Link>
                      {file.audience === 'full' && (
                        <>
                          <span>{file.name}</span>
                          <StateTag state={file.state} />
                          {isMinor(file.age) && <MinorTag />}
                        </>
                      )}
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
