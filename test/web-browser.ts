import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium (playwright-core downloads no browser), headless, with nothing calling home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** The app's stored session for a token from the development sign-in (what the sign-in page saves). */
export async function devSession(origin: string, request: { role: string; department?: string }): Promise<string> {
  const response = await fetch(`${origin}/auth/dev-token`, { method: 'POST', body: JSON.stringify(request) });
  const { token } = (await response.json()) as { token: string };
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  return JSON.stringify({ token, sub: claims.sub, name: claims.name, role: claims.role, department: claims.department, expiresAt: (claims.exp as number) * 1000 });
}
