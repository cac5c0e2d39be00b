import { signDevToken, type Caller } from './auth';
import { envOptional } from './config';
import { internalCallHeaders } from './internal-call';
import { ON_BEHALF_OF_HEADER } from './call-origin';
import { REQUEST_ID_HEADER } from './http';
import { cachedSubgraphList, subgraphUrl } from './subgraph-list';

/** Who signs a graph call: a caller's claims (name optional), or null for an anonymous read of public data. */
export type GraphIdentity = (Omit<Caller, 'name'> & { name?: string }) | null;

/**
 * The one identity of a cross-slice call: the calling slice itself (`service:<slice>`, the leading
 * group office's rights, OFFICE of ZWJ), never the person who asked. Why:
 * - the calling slice has already applied its own rules to its caller, and what it asks another
 *   slice for is often a reference that caller may not read (an inspector's finding that the cases
 *   slice checks in the enforcers slice, the project of a public complaint, the cases a credit
 *   evaluation counts);
 * - production signs every such call with the one SERVICE_TOKEN anyway, so development and tests
 *   now behave as production does.
 * The original caller is not lost: their display name rides in the token (records that name who
 * asked, such as a case opened from a finding, keep naming the person), their `sub` in the
 * `x-hub-on-behalf-of` header and the request id in `x-request-id`; the receiving slice logs both.
 */
export function sliceIdentity(slice: string, onBehalfOf?: Pick<Caller, 'name'>): GraphIdentity {
  return { sub: `service:${slice}`, name: onBehalfOf?.name ?? `${slice} slice`, role: 'OFFICE', department: 'ZWJ' };
}

/** The request a cross-slice call is made for: its original caller and request id (both forwarded). */
export interface CallOrigin {
  caller?: Pick<Caller, 'sub' | 'name'>;
  requestId?: string;
}

/**
 * A small GraphQL client for service-to-service reads through the graph (e.g. the enforcers slice
 * reading the project pool from the projects slice). It signs a short-lived token for its identity
 * with the development secret, or uses SERVICE_TOKEN when production provides one.
 */
export class GraphClient {
  private readonly token: () => Promise<string | undefined>;

  constructor(
    private readonly url: string,
    /** null: an anonymous read of public data, which needs no token whichever issuer signs them. */
    caller: GraphIdentity = sliceIdentity('hub'),
    private readonly timeoutMs = 10_000,
    /** The request this client calls for (forwarded as headers). */
    private readonly origin: CallOrigin = {},
    /** Where the bearer token comes from instead of signing `caller` (callerGraph: the caller's own token). */
    token?: () => Promise<string | undefined>,
  ) {
    this.token = token ?? (caller ? async () => envOptional('SERVICE_TOKEN') ?? (await signDevToken(caller, '5m')) : async () => undefined);
  }

  async request<T>(query: string, variables: Record<string, unknown> = {}, requestId = this.origin.requestId): Promise<T> {
    const token = await this.token();
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...internalCallHeaders(),
        ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
        ...(this.origin.caller ? { [ON_BEHALF_OF_HEADER]: this.origin.caller.sub } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const payload = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (payload.errors?.length) throw new Error(`Graph request to ${this.url} failed: ${payload.errors.map((e) => e.message).join('; ')}`);
    if (!payload.data) throw new Error(`Graph request to ${this.url} returned no data (HTTP ${response.status})`);
    return payload.data;
  }
}

/** Clients for the other slices, by subgraph name (as in subgraphs.json). */
export type SliceGraph = (subgraph: string) => GraphClient;

/** The URL of a subgraph of subgraphs.json (resolved per environment), naming who needed it when it is missing. */
export function subgraphUrlByName(subgraph: string, neededBy: string): string {
  const list = cachedSubgraphList();
  const entry = list.subgraphs.find((s) => s.name === subgraph);
  if (!entry) throw new Error(`subgraphs.json lists no "${subgraph}" subgraph, which the ${neededBy} slice calls`);
  return subgraphUrl(entry, list);
}

/**
 * The graph clients of one request of `slice`: every call signed as the slice (sliceIdentity), on
 * behalf of the request's caller and with its request id. Clients are made on first use.
 */
export function sliceGraph(slice: string, origin: CallOrigin = {}): SliceGraph {
  const clients = new Map<string, GraphClient>();
  return (subgraph) => {
    let client = clients.get(subgraph);
    if (!client) {
      client = new GraphClient(subgraphUrlByName(subgraph, slice), sliceIdentity(slice, origin.caller), undefined, origin);
      clients.set(subgraph, client);
    }
    return client;
  };
}

/**
 * The one exception to sliceGraph: clients that ask as the caller, for a read whose answer is the
 * caller's own view of another slice's data (the project list's "has open cases" filter must count
 * only the cases this caller may see). They forward the caller's own Authorization header, as the
 * gateway sent it (so production's identity-provider tokens work as they are); without one (an
 * in-process test), a signed-in caller's claims are signed with the development secret, and the
 * public asks anonymously.
 */
export function callerGraph(slice: string, caller: Caller, origin: CallOrigin & { authorization?: string } = {}): SliceGraph {
  const bearer = origin.authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  const token = async () => bearer ?? (caller.role === 'PUBLIC' ? undefined : await signDevToken(caller, '5m'));
  const clients = new Map<string, GraphClient>();
  return (subgraph) => {
    let client = clients.get(subgraph);
    if (!client) {
      client = new GraphClient(subgraphUrlByName(subgraph, slice), null, undefined, origin, token);
      clients.set(subgraph, client);
    }
    return client;
  };
}
