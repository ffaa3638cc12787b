import { UpstreamUnavailableError } from '@forja/plugin-forja-node';
import { PluginAnswerError } from './pluginClient';

/** How the Kubernetes lists are read: in pages, and up to a size. */
export interface KubernetesPaging {
  /** Items asked for per page (`limit`). */
  pageSize: number;
  /** Items one list may have; a larger one (or one whose pages never end) fails its cluster. */
  maxItems: number;
}

/** A page of a Kubernetes list, as the API server answers it. */
export interface ListPage<T> {
  metadata?: { continue?: string };
  items?: T[];
}

export interface ReadListOptions<T, R> {
  /** One page: the query (`limit`, `continue`) to add to the list's path. */
  fetchPage: (query: URLSearchParams) => Promise<ListPage<T>>;
  paging: KubernetesPaging;
  /** What is listed, for messages: `pods`. */
  what: string;
  /** A new reduction (again when the list starts over). */
  start: () => R;
  add: (reduced: R, items: T[]) => void;
  signal?: AbortSignal;
}

/**
 * One Kubernetes list read in pages, as the API documents ("Retrieving large results sets in
 * chunks"): `limit=pageSize`, then `continue=` with the token each page gives, until a page
 * gives none. Each page's items go to `add` before the next page is asked for, so the whole
 * list is never held: `start` makes what they are reduced into.
 *
 * A continue token too old for the API server (410 Gone, `Expired`) starts the list again
 * from the beginning, once. A list past `maxItems` items, or past the pages they take, or
 * giving a continue token it gave before, fails; so does any page once `signal` is aborted.
 */
export async function readListInPages<T, R>(
  options: ReadListOptions<T, R>,
): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    const reduced = options.start();
    try {
      await readPages(options, reduced);
      return reduced;
    } catch (error) {
      const expired =
        error instanceof PluginAnswerError && error.status === 410;
      if (!expired || attempt > 1 || options.signal?.aborted) throw error;
    }
  }
}

async function readPages<T, R>(options: ReadListOptions<T, R>, reduced: R) {
  const { fetchPage, paging, what, add, signal } = options;
  const { pageSize, maxItems } = paging;
  // Full pages up to maxItems, and one more the server may end the list with.
  const maxPages = Math.ceil(maxItems / pageSize) + 1;
  const tokens = new Set<string>();
  let token: string | undefined;
  let items = 0;
  for (let page = 1; ; page++) {
    if (signal?.aborted) throw signal.reason;
    const query = new URLSearchParams({ limit: String(pageSize) });
    if (token) query.set('continue', token);
    const answer = await fetchPage(query);
    const pageItems = answer.items ?? [];
    items += pageItems.length;
    if (items > maxItems) {
      throw new UpstreamUnavailableError(
        `the list of ${what} has more than ${maxItems} items`,
      );
    }
    add(reduced, pageItems);
    token = answer.metadata?.continue || undefined;
    if (!token) return;
    if (tokens.has(token)) {
      throw new UpstreamUnavailableError(
        `the list of ${what} gave the same continue token twice`,
      );
    }
    tokens.add(token);
    if (page >= maxPages) {
      throw new UpstreamUnavailableError(
        `the list of ${what} did not end within ${maxPages} pages of ${pageSize}`,
      );
    }
  }
}
