# One image per app, built from the Maven output: `mvn -B package -DskipTests` first.
# docker compose passes APP=gateway|scheduler|worker.
FROM eclipse-temurin:17-jre
ARG APP
# curl: docker-compose.yml's health checks call each app's /q/health/ready with it.
# jemalloc: the apps' native memory (libtorch's above all) goes back to the system; with glibc's
# malloc a worker kept 1.5 to 2 x as much after the same workload (bench/results/worker-memory.md).
RUN apt-get update && apt-get install -y --no-install-recommends curl libjemalloc2 && rm -rf /var/lib/apt/lists/*
ENV LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 \
    MALLOC_CONF=background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0
# eSpeak NG renders the base voice on workers; FFmpeg encodes audio formats on workers (stored files)
# and on gateways (live streams); the scheduler calls neither.
RUN if [ "$APP" = "worker" ]; then apt-get update && apt-get install -y --no-install-recommends espeak-ng ffmpeg \
    && rm -rf /var/lib/apt/lists/*; fi
RUN if [ "$APP" = "gateway" ]; then apt-get update && apt-get install -y --no-install-recommends ffmpeg \
    && rm -rf /var/lib/apt/lists/*; fi
COPY ${APP}/target/quarkus-app/ /app/
WORKDIR /app
# Not root: the Kubernetes manifests run every pod as this user with a read-only root file system
# and /tmp as the one writable place (deploy/k8s, deploy-checks' ContainersTest keeps them equal).
RUN groupadd --gid 10001 voicefarm && useradd --uid 10001 --gid 10001 --no-create-home voicefarm
# No home directory and a read-only root file system: what writes under ~ (Python's, CUDA's caches) uses /tmp.
ENV HOME=/tmp
USER 10001:10001
# DJL extracts the CPU libtorch (about 430 MB) from the worker's jar at first start: into /tmp.
ENV DJL_CACHE_DIR=/tmp/djl
ENTRYPOINT ["java", "-Xmx256m", "-XX:+UseSerialGC", "-jar", "/app/quarkus-run.jar"]
