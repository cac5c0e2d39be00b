import { join } from 'node:path';
import { envBool, envOptional, repoRoot, tokenRules } from '@hub/kit';

/** How users sign in to the web app: the development picker, or an OpenID Connect provider. */
export type SignInSettings =
  | { mode: 'development' }
  /** Production without an identity provider configured: nobody can sign in, and the page says why. */
  | { mode: 'unconfigured' }
  | { mode: 'oidc'; issuer: string; clientId: string; scope: string; roleClaim: string; departmentClaim: string };

/** The web app's side of the gateway, from the environment (see .env.example). */
export interface WebConfig {
  /** The built app (`pnpm --filter @hub/web build` writes it); missing: the gateway serves only the API. */
  distDir: string;
  production: boolean;
  /** GraphiQL at /graphiql, and a browser's GET of /graphql sent there. */
  explorer: boolean;
  /** `enforce`: only operations in the manifests run; `off`: any operation (development, the explorer). */
  trustedDocuments: 'enforce' | 'off';
  /** Manifests of registered operations (hash → document): the app's own, then any API client's. */
  trustedDocumentManifests: string[];
  signIn: SignInSettings;
}

export function readWebConfig(): WebConfig {
  const production = envOptional('NODE_ENV') === 'production';
  const distDir = envOptional('WEB_DIST_DIR') ?? join(repoRoot(), 'web', 'dist');
  const mode = (envOptional('TRUSTED_DOCUMENTS') ?? 'off').toLowerCase();
  if (mode !== 'enforce' && mode !== 'off') throw new Error(`TRUSTED_DOCUMENTS must be "enforce" or "off", got "${mode}"`);
  const issuer = envOptional('OIDC_ISSUER');
  const clientId = envOptional('OIDC_CLIENT_ID');
  return {
    distDir,
    production,
    explorer: envBool('EXPLORER', !production),
    trustedDocuments: mode,
    trustedDocumentManifests: [
      join(distDir, 'trusted-documents.json'),
      ...(envOptional('TRUSTED_DOCUMENTS_MANIFESTS') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ],
    signIn:
      issuer && clientId
        ? {
            mode: 'oidc',
            issuer,
            clientId,
            scope: envOptional('OIDC_SCOPE') ?? 'openid profile',
            // The claim names the gateway and subgraphs verify (AUTH_*_CLAIM): the app reads the same.
            roleClaim: tokenRules().roleClaim,
            departmentClaim: tokenRules().departmentClaim,
          }
        : production
          ? { mode: 'unconfigured' }
          : { mode: 'development' },
  };
}
