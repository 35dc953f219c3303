# The product built from this repository: the Quarkus backend with the SPA inside (Quinoa), on a JRE, as a non-root user.
#   docker build -t peppol-tracker .        (docker-compose.yml builds and runs it with PostgreSQL and Mailpit)
# Stages: frontend packages (Node 20) -> backend + SPA build (Maven 3.9, Java 17, Node copied in) -> JRE runtime.

# --- 1. Frontend packages, from the lock file only (cached until package-lock.json changes)
FROM node:20-bookworm-slim AS frontend-deps
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund

# --- 2. Backend jar with the SPA built into it (Quinoa runs `npm run build` in ../frontend during `mvn package`)
FROM maven:3.9-eclipse-temurin-17 AS build
# Node and npm from stage 1: Quinoa calls the npm on PATH (quarkus.quinoa.package-manager-install=false)
COPY --from=frontend-deps /usr/local/bin/node /usr/local/bin/node
COPY --from=frontend-deps /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s /usr/local/lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s /usr/local/lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version
WORKDIR /src/backend
# dependencies first (cached until pom.xml changes)
COPY backend/pom.xml ./
RUN mvn -B --no-transfer-progress dependency:go-offline -Dquarkus.quinoa=false || true
COPY backend/src ./src
COPY --from=frontend-deps /src/frontend/node_modules /src/frontend/node_modules
COPY frontend /src/frontend
COPY openapi.yaml /src/openapi.yaml
RUN mvn -B --no-transfer-progress package -DskipTests

# --- 3. Runtime: a JRE and the fast-jar layout, owned by root and run by an unprivileged user
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 tracker && useradd --system --uid 10001 --gid tracker --home-dir /app --shell /usr/sbin/nologin tracker
WORKDIR /app
COPY --from=build /src/backend/target/quarkus-app/lib/ /app/lib/
COPY --from=build /src/backend/target/quarkus-app/*.jar /app/
COPY --from=build /src/backend/target/quarkus-app/app/ /app/app/
COPY --from=build /src/backend/target/quarkus-app/quarkus/ /app/quarkus/
USER 10001:10001
ENV QUARKUS_HTTP_PORT=8080 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
EXPOSE 8080
# Readiness (the database included) over plain bash: no curl needed in the image
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=6 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${QUARKUS_HTTP_PORT:-8080} && printf "GET /q/health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "'
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/quarkus-run.jar"]
