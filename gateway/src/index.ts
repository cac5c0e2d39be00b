import { startGateway } from './server';

startGateway()
  .then((gateway) => {
    const shutdown = async () => {
      await gateway.stop();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown());
    process.once('SIGTERM', () => void shutdown());
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
