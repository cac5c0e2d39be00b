import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** Registered operations: sha256 of the document text → the document. */
export type TrustedDocuments = Map<string, string>;

export function documentHash(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

/**
 * Reads manifests (JSON objects hash → document). Each hash is checked against its document, so a
 * manifest cannot register one text under another's hash. Missing files are skipped (no app built).
 */
export function loadTrustedDocuments(files: readonly string[]): TrustedDocuments {
  const documents: TrustedDocuments = new Map();
  for (const file of files) {
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    for (const [hash, document] of Object.entries(manifest)) {
      if (documentHash(document) !== hash) throw new Error(`${file}: the hash ${hash} is not the sha256 of its document`);
      documents.set(hash, document);
    }
  }
  return documents;
}

const REFUSED_PLACEHOLDER = 'query TrustedDocumentRefused { __typename }';

/**
 * Trusted documents. A request naming a registered hash (`extensions.persistedQuery.sha256Hash`, as
 * Apollo Client's persisted-query link sends, or `documentId`) runs the registered text, whatever
 * text came with it. With `enforce`, any other request is refused; with `off` it runs as sent.
 */
export function trustedDocumentsPlugin(documents: TrustedDocuments, mode: 'enforce' | 'off'): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart({ request }) {
      const extensions = request.extensions as { persistedQuery?: { sha256Hash?: string } } | undefined;
      const documentId = (request as { documentId?: unknown }).documentId ?? (request.extensions?.documentId as unknown);
      const hash = extensions?.persistedQuery?.sha256Hash ?? (typeof documentId === 'string' ? documentId.replace(/^sha256:/, '') : undefined);
      const registered = hash ? documents.get(hash) : undefined;
      if (registered) {
        // Runs before Apollo Server reads the query: the registered text replaces whatever was sent.
        request.query = registered;
        if (extensions?.persistedQuery) delete extensions.persistedQuery;
        return;
      }
      if (mode === 'off') {
        // An unregistered hash sent with its text (an app built after the gateway started, the dev
        // server): the hash is the build's, not Apollo's hash of the text, so run the text as sent.
        if (extensions?.persistedQuery && request.query) delete extensions.persistedQuery;
        return;
      }
      // Let the request reach validation with a harmless text, then refuse it with a clear error.
      request.query = REFUSED_PLACEHOLDER;
      if (extensions?.persistedQuery) delete extensions.persistedQuery;
      return {
        async didResolveOperation() {
          throw new GraphQLError(
            hash
              ? `Operation ${hash} is not registered: this gateway runs only trusted documents (TRUSTED_DOCUMENTS=enforce). Register it in a manifest listed in TRUSTED_DOCUMENTS_MANIFESTS.`
              : 'This gateway runs only registered operations (TRUSTED_DOCUMENTS=enforce): send extensions.persistedQuery.sha256Hash of a registered document instead of a query text.',
            { extensions: { code: 'OPERATION_NOT_TRUSTED', http: { status: 403 } } },
          );
        },
      };
    },
  };
}
