import { Button, Checkbox, Form, Grid, Input, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { OrganisationView } from '../../../generated/types.gen';
import { useMe } from '../../../shared/auth/me';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import { WriteModal } from '../../../shared/ui/WriteModal';
import { JurisdictionCascader } from '../../../shared/ui/JurisdictionCascader';
import { useCreateOrganisation, useOrganisationPages, useUpdateOrganisation, type OrganisationFilters } from '../api';
import { ORGANISATION_KINDS, type OrganisationKind } from '../roles';

function NewOrganisationDialog({ root, onClose }: { root: string; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const create = useCreateOrganisation();
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form) as OrganisationKind | undefined;
  return (
    <WriteModal<{ name: string; kind: OrganisationKind; jurisdictionCode: string; designated?: boolean }>
      title={t('organisations.create')}
      fields={['name', 'kind', 'jurisdictionCode', 'designated']}
      onSubmit={(values) => create.mutateAsync({ ...values, designated: values.kind === 'hospital' ? Boolean(values.designated) : undefined })}
      onClose={onClose}
    >
      <Form.Item name="name" label={t('organisations.form.name')} rules={[{ required: true, whitespace: true, message: t('organisations.form.required') }]}>
        <Input />
      </Form.Item>
      <Form.Item name="kind" label={t('organisations.form.kind')} rules={[{ required: true, message: t('organisations.form.required') }]}>
        <Select options={ORGANISATION_KINDS.map((value) => ({ value, label: t(`kinds.${value}`) }))} />
      </Form.Item>
      <Form.Item name="jurisdictionCode" label={t('organisations.form.jurisdiction')} rules={[{ required: true, message: t('organisations.form.required') }]}>
        <JurisdictionPicker root={root} label={t('organisations.form.jurisdiction')} />
      </Form.Item>
      {kind === 'hospital' && (
        <Form.Item name="designated" valuePropName="checked">
          <Checkbox>{t('organisations.form.designated')}</Checkbox>
        </Form.Item>
      )}
    </WriteModal>
  );
}

/** The files' cascader as a form control (Form.Item gives value and onChange). */
function JurisdictionPicker({ root, label, value, onChange }: { root: string; label: string; value?: string; onChange?: (code: string | undefined) => void }) {
  return <JurisdictionCascader root={root} label={label} value={value} onChange={(code) => onChange?.(code)} />;
}

/** 机构: the directory within one's jurisdiction, by name; create, (de)designate a hospital, (de)activate. */
export default function OrganisationsPage() {
  const { t } = useTranslation('admin');
  const me = useMe().data;
  const root = me?.organisation.jurisdictionCode;
  const [params, setParams] = useSearchParams();
  const filters = useMemo<OrganisationFilters>(
    () => ({ q: params.get('q') || undefined, kind: (params.get('kind') as OrganisationKind | null) ?? undefined, within: params.get('within') || root }),
    [params, root],
  );
  const list = useOrganisationPages(filters);
  const update = useUpdateOrganisation();
  const [creating, setCreating] = useState(false);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  // On a phone the name carries kind and jurisdiction, so the actions fit without scrolling.
  const narrow = !Grid.useBreakpoint().md;

  const setFilter = (name: 'q' | 'kind' | 'within', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const change = (organisation: OrganisationView, body: { active?: boolean; designated?: boolean }) =>
    update.mutate({ id: organisation.id, body: { ...body, expectedVersion: organisation.version } });

  const columns: ColumnsType<OrganisationView> = [
    {
      title: t('organisations.columns.name'),
      key: 'name',
      render: (_, row) =>
        narrow ? (
          <>
            <div>{row.name}</div>
            <div className="ui-muted">{`${t(`kinds.${row.kind}`)} · ${row.jurisdictionName} ${row.jurisdictionCode}`}</div>
          </>
        ) : (
          row.name
        ),
    },
    ...(narrow
      ? []
      : ([
          { title: t('organisations.columns.kind'), key: 'kind', render: (_, row) => t(`kinds.${row.kind}`) },
          { title: t('organisations.columns.jurisdiction'), key: 'jurisdiction', render: (_, row) => `${row.jurisdictionName} ${row.jurisdictionCode}` },
        ] satisfies ColumnsType<OrganisationView>)),
    {
      title: t('organisations.columns.status'),
      key: 'status',
      render: (_, row) => (
        <>
          <Tag color={row.active ? 'green' : undefined}>{t(row.active ? 'organisations.status.active' : 'organisations.status.inactive')}</Tag>
          {row.designated && <Tag color="blue">{t('organisations.designatedYes')}</Tag>}
        </>
      ),
    },
    {
      title: t('organisations.columns.actions'),
      key: 'actions',
      render: (_, row) => (
        <div className="admin-actions">
          {row.kind === 'hospital' && (
            <Button size="small" onClick={() => change(row, { designated: !row.designated })}>
              {t(row.designated ? 'organisations.actions.undesignate' : 'organisations.actions.designate')}
            </Button>
          )}
          <Button
            size="small"
            danger={row.active}
            onClick={() => change(row, { active: !row.active })}
            aria-label={`${t(row.active ? 'organisations.actions.deactivate' : 'organisations.actions.activate')} ${row.name}`}
          >
            {t(row.active ? 'organisations.actions.deactivate' : 'organisations.actions.activate')}
          </Button>
        </div>
      ),
    },
  ];

  return (
    <Panel
      level={1}
      title={t('organisations.title')}
      extra={
        <Button type="primary" onClick={() => setCreating(true)} disabled={!root}>
          {t('organisations.create')}
        </Button>
      }
    >
      <div className="admin-filters">
        <Input.Search
          aria-label={t('organisations.search')}
          placeholder={t('organisations.search')}
          allowClear
          defaultValue={filters.q}
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
        />
        <Select
          aria-label={t('organisations.kind')}
          placeholder={t('organisations.kind')}
          allowClear
          value={filters.kind}
          onChange={(value?: string) => setFilter('kind', value)}
          options={ORGANISATION_KINDS.map((value) => ({ value, label: t(`kinds.${value}`) }))}
        />
        {root && <JurisdictionCascader root={root} label={t('organisations.within')} value={params.get('within') ?? undefined} onChange={(code) => setFilter('within', code)} />}
      </div>
      <ErrorAlert error={list.error ?? update.error} />
      <Table<OrganisationView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('empty') }}
      />
      {list.hasNextPage && (
        <Button className="admin-result" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('more')}
        </Button>
      )}
      {creating && root && <NewOrganisationDialog root={root} onClose={() => setCreating(false)} />}
    </Panel>
  );
}
