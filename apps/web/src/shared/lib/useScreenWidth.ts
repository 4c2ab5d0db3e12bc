import { useSyncExternalStore } from 'react';

/** antd's breakpoints (min-width, px): the widths a table's columns appear at. */
const BREAKPOINTS = { sm: 576, md: 768, lg: 992 } as const;
export type Breakpoint = keyof typeof BREAKPOINTS;

const queries = Object.fromEntries(Object.entries(BREAKPOINTS).map(([name, px]) => [name, `(min-width: ${px}px)`])) as Record<Breakpoint, string>;

/** 'xs' below sm, else the widest breakpoint the window reaches. */
function widest(): ScreenWidth {
  return window.matchMedia(queries.lg).matches ? 'lg' : window.matchMedia(queries.md).matches ? 'md' : window.matchMedia(queries.sm).matches ? 'sm' : 'xs';
}

function subscribe(changed: () => void): () => void {
  const lists = Object.values(queries).map((query) => window.matchMedia(query));
  for (const list of lists) list.addEventListener('change', changed);
  return () => lists.forEach((list) => list.removeEventListener('change', changed));
}

const ORDER = ['xs', 'sm', 'md', 'lg'] as const;
export type ScreenWidth = (typeof ORDER)[number];

/**
 * The window's width class, right at the first render: antd's `responsive`
 * columns learn it in an effect and draw the whole table a second time.
 */
export function useScreenWidth(): ScreenWidth {
  return useSyncExternalStore(subscribe, widest);
}

/** Whether a window of this width class is at least as wide as the breakpoint. */
export function reaches(width: ScreenWidth, breakpoint: Breakpoint): boolean {
  return ORDER.indexOf(width) >= ORDER.indexOf(breakpoint);
}
