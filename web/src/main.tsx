import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { takePrefetchedConfig } from './app/prefetch';
import { warmStart } from './app/warm-start';
import { inlineConfig, loadConfig, type AppConfig } from './config';

// For `pnpm bench:web`'s breakdown: the entry's JavaScript (and everything it imports) has run.
performance.mark('hub:main');
const root = createRoot(document.getElementById('root')!);
const overview = warmStart();
function start(config: AppConfig): void {
  performance.mark('hub:config');
  // A signed-in leader's home view is drawn in the first render once its chunk (preloaded since the
  // page's first script) has run: rendered before, the view suspends, its fallback is drawn, and React
  // holds the view back until 300 ms after that fallback (its Suspense throttle), answers in or not.
  // A chunk that failed to load is asked again by the view, whose error boundary reports it.
  const render = () => root.render(<App config={config} />);
  if (overview && location.pathname === '/') void overview.then(render, render);
  else render();
}

// The settings the gateway wrote into the page: the app renders at once. Else (the development
// server's page) those the page's first script already asked for (app/prefetch.ts), else asked now.
const inline = inlineConfig();
if (inline) start(inline);
else
  loadConfig((input, init) => takePrefetchedConfig() ?? fetch(input, init))
    .then(start)
    .catch((error: Error) => {
      root.render(<p role="alert">无法加载平台配置 / Could not load the configuration: {error.message}</p>);
    });
