/**
 * The web application's settings. Build-time ones are constants here; the deployment's own
 * (how to sign in, whether the explorer is on) come from the gateway at start (`GET /auth/config`),
 * so one build runs in every environment.
 */
export interface OidcSettings {
  /** The identity provider's issuer URL (its discovery document is `${issuer}/.well-known/openid-configuration`). */
  issuer: string;
  clientId: string;
  scope: string;
  /** Claim names the provider uses for the hub role and the department code. */
  roleClaim: string;
  departmentClaim: string;
}

export interface AppConfig {
  /** Same origin as the app: no CORS, one URL for users. */
  graphqlPath: string;
  /** `development`: the sign-in picker backed by the gateway's development token endpoint; `oidc`: the identity provider. */
  signIn: { mode: 'development' } | { mode: 'unconfigured' } | ({ mode: 'oidc' } & OidcSettings);
  /** GraphiQL at /graphiql (off in production unless EXPLORER=true). */
  explorer: boolean;
  /** Page size of every list. */
  pageSize: number;
}

export const GRAPHQL_PATH = '/graphql';
export const PAGE_SIZE = 20;

interface ServerSettings {
  signIn: AppConfig['signIn'];
  explorer: boolean;
}

const fromSettings = (settings: ServerSettings): AppConfig => ({
  graphqlPath: GRAPHQL_PATH,
  pageSize: PAGE_SIZE,
  signIn: settings.signIn,
  explorer: settings.explorer,
});

/**
 * The id of the element in which the gateway writes the deployment's settings into index.html
 * (`<script type="application/json" id="hub-settings">`, gateway/src/web/index-page.ts): the same
 * JSON as `GET /auth/config`, there from the first byte of the page, so the app starts without
 * asking for them (and the page's first script leaves the browser's connection to the queries).
 */
export const SETTINGS_ELEMENT_ID = 'hub-settings';

/** The settings written into the page, or undefined (the development server's page has none). */
export function inlineConfig(
  doc: Pick<Document, 'getElementById'> | undefined = typeof document === 'undefined' ? undefined : document,
): AppConfig | undefined {
  const text = doc?.getElementById(SETTINGS_ELEMENT_ID)?.textContent;
  if (!text) return undefined;
  try {
    return fromSettings(JSON.parse(text) as ServerSettings);
  } catch {
    return undefined;
  }
}

export async function loadConfig(fetchImpl: typeof fetch = fetch): Promise<AppConfig> {
  const response = await fetchImpl('/auth/config', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET /auth/config answered HTTP ${response.status}`);
  return fromSettings((await response.json()) as ServerSettings);
}
