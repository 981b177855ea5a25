# Colo itself (web + worker share this image), for docker-compose.yml on machines with a registry.
# Machines without one use `bash scripts/up.sh` instead (see README: air-gapped install).
FROM node:20-bookworm-slim
ENV NEXT_TELEMETRY_DISABLED=1 PRISMA_SCHEMA_ENGINE_BINARY=/bin/true
WORKDIR /colo
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY apps ./apps
COPY packages ./packages
COPY prisma ./prisma
COPY templates ./templates
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund \
 && npx prisma generate \
 && npx turbo run build --filter=@colo/web
EXPOSE 3000
CMD ["node", "--import", "tsx", "apps/worker/src/main.ts"]
