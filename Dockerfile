# One image for every service of the hub; docker-compose.yml and deploy/kubernetes pick the command
# per service. Checked without a Docker engine by tools/src/dockerfile.test.ts (see docs/deployment.md).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@10.34.9
COPY . .
# `pnpm prune` does not work in a workspace (pnpm's documentation): after the build, drop every
# node_modules and install the production dependencies again from the store (no network).
RUN pnpm install --frozen-lockfile \
 && pnpm build \
 && pnpm build:web \
 && rm -rf node_modules gateway/node_modules tools/node_modules test/node_modules subgraphs/*/node_modules \
 && pnpm install --frozen-lockfile --prod --offline

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HUB_ENV=docker
COPY --from=build /app /app
# The `node` user (uid 1000) of the base image; Kubernetes' runAsUser matches it.
USER node
EXPOSE 4000
# Overridden per service, e.g. node subgraphs/projects/dist/index.js; the flags are every service's
# (tools/src/node-flags.ts, checked by tools/src/dockerfile.test.ts).
CMD ["node", "--max-semi-space-size=32", "gateway/dist/index.js"]
