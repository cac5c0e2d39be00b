import { signDevToken, type Caller } from './auth';
import { envOptional } from './config';
import { internalCallHeaders } from './internal-call';

/**
 * A small GraphQL client for service-to-service reads through the graph (e.g. the enforcers slice
 * reading the project pool from the projects slice). It signs a short-lived service token with the
 * development secret, or uses SERVICE_TOKEN when production provides one.
 */
export class GraphClient {
  constructor(
    private readonly url: string,
    /** null: an anonymous read of public data, which needs no token whichever issuer signs them. */
    private readonly caller: (Omit<Caller, 'name'> & { name?: string }) | null = { sub: 'service', role: 'OFFICE', department: 'ZWJ' },
    private readonly timeoutMs = 10_000,
  ) {}

  async request<T>(query: string, variables: Record<string, unknown> = {}, requestId?: string): Promise<T> {
    const token = this.caller ? (envOptional('SERVICE_TOKEN') ?? (await signDevToken(this.caller, '5m'))) : undefined;
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...internalCallHeaders(),
        ...(requestId ? { 'x-request-id': requestId } : {}),
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
