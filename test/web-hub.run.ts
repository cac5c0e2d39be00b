import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { startHub } from './harness';

/** `WEB_HUB_MINUTES=30 vitest run --config vitest.web-tools.config.mts test/web-hub.run.ts`: the demo hub for trying the web app by hand (origin in .data/web-hub-origin). */
it('keeps the demo hub running', async () => {
  const hub = await startHub({ seed: true });
  const origin = new URL(hub.gateway.url).origin;
  writeFileSync('.data/web-hub-origin', origin);
  console.log(`demo hub: ${origin}/login?role=LEADER`);
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.WEB_HUB_MINUTES ?? 30) * 60_000));
  await hub.stop();
}, 3_600_000);
