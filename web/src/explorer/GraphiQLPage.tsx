import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { useMemo } from 'react';
import { useSession } from '../auth/SessionContext';
import { GRAPHQL_PATH } from '../config';

/** A self-hosted GraphiQL (editor workers bundled: nothing from a CDN), signed with the user's token. */
export default function GraphiQLPage() {
  const session = useSession();
  const fetcher = useMemo(() => createGraphiQLFetcher({ url: GRAPHQL_PATH, headers: { authorization: `Bearer ${session.token}` } }), [session.token]);
  return (
    <div style={{ height: '100vh' }}>
      <GraphiQL fetcher={fetcher} defaultQuery={'# 综合监管联动执法平台 GraphQL\n{\n  departments { code nameZh }\n}\n'} />
    </div>
  );
}
