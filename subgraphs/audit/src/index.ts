import { runSubgraph } from '@hub/kit';
import { subgraph } from './server';

runSubgraph(subgraph).catch((error) => {
  console.error(error);
  process.exit(1);
});
