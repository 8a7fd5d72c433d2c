# One image, three roles: PROCESS_ROLE=all (default), api (HTTP only) or worker (queue, periodic jobs, outbox relay).
# Build: docker build -t huiyuan .   Run: see compose.yaml.

# 1. Build everything (dev dependencies, compilers for better-sqlite3).
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared-types/package.json shared-types/
COPY server/package.json server/
COPY miniapp/package.json miniapp/
COPY scripts/package.json scripts/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY shared-types shared-types
COPY server server
COPY miniapp miniapp
RUN npm run build -w shared-types && npm run build -w server && npm run build:h5 -w miniapp

# 2. Production dependencies of the server only (and the shared-types workspace it links).
FROM node:20-bookworm-slim AS deps
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared-types/package.json shared-types/
COPY server/package.json server/
COPY miniapp/package.json miniapp/
COPY scripts/package.json scripts/
RUN npm ci --omit=dev --no-audit --no-fund -w server -w shared-types --include-workspace-root=false

# 3. The runtime: compiled output and production dependencies, as the unprivileged `node` user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production H5_DIR=/app/miniapp/dist/h5 DATA_DIR=/app/data PORT=3000
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules node_modules
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/shared-types/package.json shared-types/
COPY --from=build --chown=node:node /app/shared-types/dist shared-types/dist
COPY --from=build --chown=node:node /app/server/package.json server/
COPY --from=build --chown=node:node /app/server/dist server/dist
COPY --from=build --chown=node:node /app/server/assets server/assets
COPY --from=build --chown=node:node /app/miniapp/dist/h5 miniapp/dist/h5
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# The worker role serves no HTTP: compose replaces this check for it.
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "server/dist/src/main.js"]
