# The worker's GPU images, one build target per GPU class; the Kubernetes manifests name them
# worker:<version>-cuda (class nvidia) and worker:<version>-rocm (class amd). Build the apps first:
#   mvn -B package -DskipTests
#   docker build -f deploy/docker/worker-gpu.Dockerfile --target cuda -t ghcr.io/voicefarm/worker:0.1.0-cuda .
#   docker build -f deploy/docker/worker-gpu.Dockerfile --target rocm -t ghcr.io/voicefarm/worker:0.1.0-rocm .
# NEVER BUILT OR RUN: the machines this project is developed on have no Docker engine and no GPU.
# Written from DJL 0.36's library lookup and the vendors' published images; docs/deploying.md says so.
#
# The images fetch what is large at build time, so a worker starts offline (ai.djl.offline=true,
# the worker's default): DJL never downloads anything at run time.

ARG PYTORCH_VERSION=2.7.1

# ---------------------------------------------------------------- nvidia: CUDA libtorch under DJL
FROM nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04 AS cuda
ARG PYTORCH_VERSION
# nvidia-smi, which the worker's hardware probe calls, is mounted by the NVIDIA container toolkit.
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless curl unzip \
        ca-certificates espeak-ng ffmpeg libjemalloc2 \
    && rm -rf /var/lib/apt/lists/*
# PyTorch's own CUDA 12.8 build of libtorch, the version DJL 0.36 binds (pytorch-jni 2.7.1-0.36.0,
# whose jar carries the cu128 JNI library next to the CPU one). Maven Central has no CUDA libtorch
# this recent, so DJL would otherwise download it at the first start.
RUN curl -fsSL -o /tmp/libtorch.zip \
        "https://download.pytorch.org/libtorch/cu128/libtorch-cxx11-abi-shared-with-deps-${PYTORCH_VERSION}%2Bcu128.zip" \
    && unzip -q /tmp/libtorch.zip -d /opt && rm /tmp/libtorch.zip
# DJL loads libtorch from PYTORCH_LIBRARY_PATH before anything on the class path (the CPU libtorch in
# the worker's jar stays unused) and takes the cu128 JNI library from the pytorch-jni jar.
ENV PYTORCH_LIBRARY_PATH=/opt/libtorch/lib PYTORCH_VERSION=${PYTORCH_VERSION} PYTORCH_FLAVOR=cu128 \
    DJL_CACHE_DIR=/tmp/djl
# As app.Dockerfile: jemalloc returns libtorch's freed memory (bench/results/worker-memory.md).
ENV LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 \
    MALLOC_CONF=background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0
COPY worker/target/quarkus-app/ /app/
WORKDIR /app
RUN groupadd --gid 10001 voicefarm && useradd --uid 10001 --gid 10001 --no-create-home voicefarm
# No home directory and a read-only root file system: what writes under ~ (Python's, CUDA's caches) uses /tmp.
ENV HOME=/tmp
USER 10001:10001
ENTRYPOINT ["java", "-Xmx256m", "-XX:+UseSerialGC", "-jar", "/app/quarkus-run.jar"]

# ---------------------------------------------------------------- amd: ROCm for rocm-smi and GPT-SoVITS
# DJL 0.36 publishes no ROCm JNI library, so the farm's own voice model computes on the CPU here
# (Worker.computeDevice: DJL sees no GPU); the GPU serves the GPT-SoVITS model server processes,
# whose Python and PyTorch for ROCm a GPT-SoVITS install adds on top of this image
# (FARM_WORKER_GPT_SOVITS_INSTALL_DIR). rocm-smi is here for the worker's hardware probe.
FROM rocm/dev-ubuntu-24.04:6.4.1 AS rocm
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless curl \
        ca-certificates espeak-ng ffmpeg libjemalloc2 \
    && rm -rf /var/lib/apt/lists/*
ENV DJL_CACHE_DIR=/tmp/djl \
    LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 \
    MALLOC_CONF=background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0
COPY worker/target/quarkus-app/ /app/
WORKDIR /app
# The GPU's device files (/dev/kfd, /dev/dri) belong to the host's video and render groups: the pod
# adds them (worker-amd.yaml, supplementalGroups).
RUN groupadd --gid 10001 voicefarm && useradd --uid 10001 --gid 10001 --no-create-home voicefarm
# No home directory and a read-only root file system: what writes under ~ (Python's, CUDA's caches) uses /tmp.
ENV HOME=/tmp
USER 10001:10001
ENTRYPOINT ["java", "-Xmx256m", "-XX:+UseSerialGC", "-jar", "/app/quarkus-run.jar"]
