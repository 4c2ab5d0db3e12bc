/**
 * The states of a victim file (ARCHITECTURE.md, adapted to the rules):
 * received → in_care → returning_home | tracing | repatriation →
 * reunified | locally_resettled | repatriated → follow_up → closed.
 */
export const FILE_STATES = ['received', 'in_care', 'returning_home', 'tracing', 'repatriation', 'reunified', 'locally_resettled', 'repatriated', 'follow_up', 'closed'] as const;
export type FileState = (typeof FILE_STATES)[number];

export const INITIAL_STATE: FileState = 'received';
export const FINAL_STATES: readonly FileState[] = ['closed'];

export const STATE_LABELS: Record<FileState, string> = {
  received: '已接收 / received',
  in_care: '临时照料中 / in care',
  returning_home: '返家安排中 / returning home',
  tracing: '寻亲中 / family tracing',
  repatriation: '遣返中 / repatriation',
  reunified: '已返家团聚 / reunified',
  locally_resettled: '就地安置 / resettled locally',
  repatriated: '已遣返 / repatriated',
  follow_up: '跟踪回访 / follow-up',
  closed: '已结案 / closed',
};
