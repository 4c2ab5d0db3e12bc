import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who is acting, as the access lib establishes it after authentication. Kept
 * here (not in libs/access) so the audit record can name the actor without
 * depending on the lib that depends on it.
 */
export interface RequestActor {
  userId: string;
  username: string;
  role: string;
  organisationId: string;
  organisationKind: string;
  jurisdictionCode: string;
  sessionId: string;
}

/** What every layer may want to know about the request it is serving, without threading it through each call. */
export interface RequestContextStore {
  requestId: string;
  ip?: string;
  actor?: RequestActor;
  /** The app's Clock, for validators that need "today" (a date that has already happened). */
  clock?: { now(): Date; today(): string };
}

const storage = new AsyncLocalStorage<RequestContextStore>();

export const RequestContext = {
  run<T>(store: RequestContextStore, fn: () => T): T {
    return storage.run(store, fn);
  },
  current(): RequestContextStore | undefined {
    return storage.getStore();
  },
  requestId(): string | undefined {
    return storage.getStore()?.requestId;
  },
  actor(): RequestActor | undefined {
    return storage.getStore()?.actor;
  },
  /** Called once per request by the authentication guard. */
  setActor(actor: RequestActor): void {
    const store = storage.getStore();
    if (store) store.actor = actor;
  },
};
