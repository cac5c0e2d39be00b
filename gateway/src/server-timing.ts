import type { ApolloServerPlugin } from '@apollo/server';
import { REQUEST_ID_HEADER } from '@hub/kit';
import { requestHeader } from './subgraph-http';
import type { SubgraphFetch } from './traffic';

interface Timings {
  started: number;
  /** Per subgraph: fetches and the wall time they took (overlapping fetches each count in full). */
  subgraphs: Map<string, { fetches: number; ms: number }>;
}

/**
 * `Server-Timing` on GraphQL answers (development; SERVER_TIMING=true elsewhere): the gateway's own
 * time for the request and each subgraph's fetch time for it, so a browser's network panel (and
 * `pnpm bench:web`'s breakdown) shows where an operation's time went without a tracing backend.
 * Off in production by default: it names the subgraphs and their timings to any caller.
 *
 * Fetches are attributed by the request id the gateway forwards on every subgraph fetch.
 */
export class ServerTiming {
  private readonly requests = new Map<string, Timings>();
  /** Set once the plugin is installed: only then are requests' timings kept (and dropped when they answer). */
  private active = false;

  /**
   * Wraps one subgraph's fetcher to time each fetch against the request it was sent for. An early
   * root fetch (early-fetch.ts) leaves from the context function, before the plugin's requestDidStart:
   * its request's timings start with it.
   */
  fetcher(subgraph: string, fetch: SubgraphFetch): SubgraphFetch {
    return async (url, init) => {
      const requestId = requestHeader(init, REQUEST_ID_HEADER);
      let timings = this.requests.get(requestId ?? '');
      if (!timings && this.active && requestId !== undefined && init.method === 'POST') {
        timings = { started: performance.now(), subgraphs: new Map() };
        this.requests.set(requestId, timings);
      }
      if (!timings) return fetch(url, init);
      const started = performance.now();
      try {
        return await fetch(url, init);
      } finally {
        const entry = timings.subgraphs.get(subgraph) ?? { fetches: 0, ms: 0 };
        entry.fetches += 1;
        entry.ms += performance.now() - started;
        timings.subgraphs.set(subgraph, entry);
      }
    };
  }

  plugin<C extends { requestId: string }>(): ApolloServerPlugin<C> {
    const requests = this.requests;
    this.active = true;
    return {
      async requestDidStart({ contextValue }) {
        if (!requests.has(contextValue.requestId)) requests.set(contextValue.requestId, { started: performance.now(), subgraphs: new Map() });
        return {
          async willSendResponse({ contextValue: context, response }) {
            const timings = requests.get(context.requestId);
            requests.delete(context.requestId);
            if (timings) response.http.headers.set('server-timing', serverTimingHeader(timings, performance.now()));
          },
        };
      },
    };
  }
}

export function serverTimingHeader(timings: Timings, now: number): string {
  const parts = [`gateway;dur=${(now - timings.started).toFixed(1)}`];
  for (const [name, { fetches, ms }] of timings.subgraphs) parts.push(`${name};dur=${ms.toFixed(1)};desc="${fetches} fetch${fetches === 1 ? '' : 'es'}"`);
  return parts.join(', ');
}
