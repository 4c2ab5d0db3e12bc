import { useQuery } from '@tanstack/react-query';
import { Tree } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JurisdictionView } from '../../../generated/types.gen';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Panel } from '../../../shared/ui/Panel';
import { childrenOf, provincesQuery } from '../api';

interface Node {
  key: string;
  title: string;
  isLeaf: boolean;
  children?: Node[];
}

const nodeOf = (division: JurisdictionView, below: Map<string, JurisdictionView[]>): Node => ({
  key: division.code,
  title: `${division.name} ${division.code}`,
  isLeaf: division.level === 3,
  children: below.get(division.code)?.map((child) => nodeOf(child, below)),
});

/** 行政区划: the GB/T 2260 tree, provinces first, each level loaded when it is opened. */
export default function JurisdictionsPage() {
  const { t } = useTranslation('admin');
  const provinces = useQuery(provincesQuery);
  const [below, setBelow] = useState(new Map<string, JurisdictionView[]>());
  const [error, setError] = useState<unknown>(null);

  const load = async (code: string) => {
    if (below.has(code)) return;
    try {
      const children = await childrenOf(code);
      setBelow((known) => new Map(known).set(code, children));
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <Panel level={1} title={t('jurisdictions.title')}>
      <p className="ui-muted">{t('jurisdictions.intro')}</p>
      <ErrorAlert error={provinces.error ?? error} />
      {provinces.isPending ? (
        <p className="ui-empty">{t('loading')}</p>
      ) : (
        <div className="admin-tree">
          <Tree<Node>
            aria-label={t('jurisdictions.tree')}
            treeData={(provinces.data ?? []).map((province) => nodeOf(province, below))}
            loadData={(node) => load(node.key)}
            showLine
          />
        </div>
      )}
    </Panel>
  );
}
