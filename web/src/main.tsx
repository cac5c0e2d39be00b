import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { takePrefetchedConfig } from './app/prefetch';
import { warmStart } from './app/warm-start';
import { loadConfig } from './config';

// For `pnpm bench:web`'s breakdown: the entry's JavaScript (and everything it imports) has run.
performance.mark('hub:main');
const root = createRoot(document.getElementById('root')!);
warmStart();
// The settings the page's first script already asked for (app/prefetch.ts), else asked now.
loadConfig((input, init) => takePrefetchedConfig() ?? fetch(input, init))
  .then((config) => {
    performance.mark('hub:config');
    root.render(<App config={config} />);
  })
  .catch((error: Error) => {
    root.render(<p role="alert">无法加载平台配置 / Could not load the configuration: {error.message}</p>);
  });
