import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { warmStart } from './app/warm-start';
import { loadConfig } from './config';

const root = createRoot(document.getElementById('root')!);
warmStart();
loadConfig()
  .then((config) => root.render(<App config={config} />))
  .catch((error: Error) => {
    root.render(<p role="alert">无法加载平台配置 / Could not load the configuration: {error.message}</p>);
  });
