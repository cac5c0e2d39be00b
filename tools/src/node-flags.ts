/**
 * Node/V8 flags of every service process (each subgraph and the gateway), wherever one is started:
 * `pnpm start` (tools/src/start.ts), `pnpm bench` (tools/src/bench.ts: it must measure what
 * production runs), docker-compose.yml and the Kubernetes manifests (generated from here by
 * `pnpm compose`) and the Dockerfile's default command (tools/src/dockerfile.test.ts checks it
 * carries them).
 *
 * `--max-semi-space-size=32` (MB, V8's default is 16 on 64-bit): a request's whole answer stays
 * alive while it is built (a page of 100 projects with bids and bidders is thousands of rows and
 * field results), so with small semi-spaces the young-generation collections run many times per
 * request and copy the same live objects over and over; garbage collection was a fifth of the
 * projects subgraph's busy CPU on that page. Larger semi-spaces collect less often and most of a
 * request's objects are dead by then. The cost is memory: the young generation can grow to about
 * three times this (96 MB) per process, well inside the 512 Mi limit of a Kubernetes container.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
