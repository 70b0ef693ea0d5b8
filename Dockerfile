# The server on its embedded defaults: every model it needs is in the image (models/), SQLite under /data.
FROM node:20-bookworm-slim
WORKDIR /app
COPY setup-system.sh ./
RUN WITH_TEST_TOOLS=0 ./setup-system.sh && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
COPY native ./native
RUN npm ci --omit=dev
COPY . .
ENV HOST=0.0.0.0 PORT=8080 AGENT_ASSIST_STORE_SQLITE_PATH=/data/agent-assist.db
VOLUME /data
EXPOSE 8080 9092
CMD ["node", "bin/agent-assist.mjs", "serve"]
