# One image for every service of the hub; docker-compose.yml picks the command per service.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build && pnpm build:web && pnpm prune --prod

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HUB_ENV=docker
COPY --from=build /app /app
USER node
# Overridden per service, e.g. node subgraphs/projects/dist/index.js
CMD ["node", "gateway/dist/index.js"]
