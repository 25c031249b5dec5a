# One image per app, built from the Maven output: `mvn -B package -DskipTests` first.
# docker compose passes APP=gateway|scheduler|worker.
FROM eclipse-temurin:17-jre
ARG APP
# eSpeak NG renders the base voice on workers; the other apps do not call it.
RUN if [ "$APP" = "worker" ]; then apt-get update && apt-get install -y --no-install-recommends espeak-ng \
    && rm -rf /var/lib/apt/lists/*; fi
COPY ${APP}/target/quarkus-app/ /app/
WORKDIR /app
ENTRYPOINT ["java", "-Xmx256m", "-XX:+UseSerialGC", "-jar", "/app/quarkus-run.jar"]
