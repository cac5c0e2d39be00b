import { describe, expect, it } from 'vitest';
import { GRAPHQL_PATH, inlineConfig, loadConfig, PAGE_SIZE, SETTINGS_ELEMENT_ID } from './config';

const page = (text: string | null) => ({
  getElementById: (id: string) => (id === SETTINGS_ELEMENT_ID && text !== null ? ({ textContent: text } as HTMLElement) : null),
});
const settings = {
  signIn: { mode: 'oidc', issuer: 'https://id.example', clientId: 'hub', scope: 'openid', roleClaim: 'role', departmentClaim: 'dept' },
  explorer: false,
};

describe('the app settings', () => {
  it('reads the settings the gateway wrote into the page, as GET /auth/config answers them', async () => {
    const inline = inlineConfig(page(JSON.stringify(settings)));
    expect(inline).toEqual({ graphqlPath: GRAPHQL_PATH, pageSize: PAGE_SIZE, signIn: settings.signIn, explorer: false });
    await expect(loadConfig(() => Promise.resolve(Response.json(settings)))).resolves.toEqual(inline);
  });

  it('has none when the page carries none or they do not parse (then they are asked for)', () => {
    expect(inlineConfig(page(null))).toBeUndefined();
    expect(inlineConfig(page('{"signIn":'))).toBeUndefined();
    expect(inlineConfig(undefined)).toBeUndefined();
  });
});
