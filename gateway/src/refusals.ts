import type { ApolloGateway } from '@apollo/gateway';
import { isScalarType, type GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { DecimalScalar, LocalDateScalar } from '@hub/kit';

/**
 * A subgraph answers a request it refuses before execution (a variable that is not a real date, a
 * bad Decimal) with HTTP 400 and GraphQL errors naming the field and the rule. @apollo/gateway
 * treats any non-2xx answer as a transport failure and replaces those errors with
 * INTERNAL_SERVER_ERROR "400: Bad Request". Re-presenting such a 4xx answer as an ordinary GraphQL
 * answer lets the gateway pass each error through with its message, code, rule and path.
 */
export function passRefusalsThrough(fetcher: typeof fetch): typeof fetch {
  return (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const response = await fetcher(input, init);
    if (response.status < 400 || response.status >= 500 || response.status === 413) return response;
    if (!(response.headers.get('content-type') ?? '').includes('json')) return response;
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
    }
    const errors = (body as { errors?: unknown })?.errors;
    if (!Array.isArray(errors) || errors.length === 0) {
      return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
    }
    return new Response(text, { status: 200, headers: response.headers });
  }) as typeof fetch;
}

/** The kit's custom scalars: the gateway checks variables and literals of these types itself. */
const KIT_SCALARS: GraphQLScalarType[] = [LocalDateScalar, DecimalScalar];

/**
 * The supergraph names LocalDate and Decimal but carries no code, so the gateway would accept any
 * value and plan the query before a subgraph refuses it. Giving the gateway's own schema the kit's
 * parsing refuses an impossible date or a bad amount at the edge (the gateway coerces variables
 * against this schema), with the same message the subgraph would give.
 */
export function validateKitScalarsAtTheEdge(gateway: ApolloGateway): void {
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => applyKitScalars(apiSchema));
}

export function applyKitScalars(schema: GraphQLSchema): void {
  for (const scalar of KIT_SCALARS) {
    const type = schema.getType(scalar.name);
    if (!isScalarType(type)) continue;
    type.parseValue = scalar.parseValue;
    type.parseLiteral = scalar.parseLiteral;
  }
}
