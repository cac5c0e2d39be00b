import { readSubgraphList, subgraphModulePath, type SubgraphDefinition, type SubgraphEntry } from '@hub/kit';

/** Loads the built definition of every listed subgraph (the list is the only place that names them). */
export function loadSubgraphs(): { entry: SubgraphEntry; definition: SubgraphDefinition<any> }[] {
  return readSubgraphList().subgraphs.map((entry) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(subgraphModulePath(entry, 'dist')) as { subgraph?: SubgraphDefinition<any> };
    if (!module.subgraph) throw new Error(`subgraphs/${entry.name}/dist/server.js does not export "subgraph"`);
    return { entry, definition: module.subgraph };
  });
}
