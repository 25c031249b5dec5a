# One image per app, built from the Maven output: `mvn -B package -DskipTests` first.
# docker compose passes APP=gateway|scheduler|worker.
FROM eclipse-temurin:17-jre
ARG APP
# curl: docker-compose.yml's health checks call each app's /q/health/ready with it.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
# eSpeak NG renders the base voice on workers; FFmpeg encodes audio formats on workers (stored files)
# and on gateways (live streams); the scheduler calls neither.
RUN if [ "$APP" = "worker" ]; then apt-get update && apt-get install -y --no-install-recommends espeak-ng ffmpeg \
    && rm -rf /var/lib/apt/lists/*; fi
RUN if [ "$APP" = "gateway" ]; then apt-get update && apt-get install -y --no-install-recommends ffmpeg \
    && rm -rf /var/lib/apt/lists/*; fi
COPY ${APP}/target/quarkus-app/ /app/
WORKDIR /app
ENTRYPOINT ["java", "-Xmx256m", "-XX:+UseSerialGC", "-jar", "/app/quarkus-run.jar"]
