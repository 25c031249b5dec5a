package dev.voicefarm.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Dockerfiles under deploy/docker, read as text: their build targets and the user they run as. */
final class Dockerfiles {

    static final Path DIR = RepoFiles.ROOT.resolve("deploy/docker");
    /** The image every app is built into without a target: {@code --build-arg APP=<app>}. */
    static final Path APP = DIR.resolve("app.Dockerfile");
    /** The worker's GPU variants, one build target each. */
    static final Path WORKER_GPU = DIR.resolve("worker-gpu.Dockerfile");

    private static final Pattern STAGE = Pattern.compile("(?im)^FROM\\s+\\S+\\s+AS\\s+(\\S+)\\s*$");
    private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\d+)(?::\\d+)?\\s*$");

    private Dockerfiles() {
    }

    /** The named stages of a Dockerfile: what {@code docker build --target} accepts. */
    static Set<String> targets(Path dockerfile) {
        Set<String> targets = new LinkedHashSet<>();
        Matcher matcher = STAGE.matcher(RepoFiles.read(dockerfile));
        while (matcher.find()) {
            targets.add(matcher.group(1));
        }
        return targets;
    }

    /** The text of each stage: from one FROM line to the next. */
    static List<String> stages(Path dockerfile) {
        String[] parts = RepoFiles.read(dockerfile).split("(?m)^(?=FROM\\s)");
        return java.util.Arrays.stream(parts).filter(part -> part.startsWith("FROM")).toList();
    }

    /** The numeric user every stage of every Dockerfile runs as, exactly one USER line each; fails unless they all agree. */
    static long user() {
        Set<Long> users = new LinkedHashSet<>();
        for (Path dockerfile : all()) {
            for (String stage : stages(dockerfile)) {
                List<Long> declared = USER.matcher(stage).results().map(m -> Long.parseLong(m.group(1))).toList();
                if (declared.size() != 1) {
                    throw new AssertionError(dockerfile + ": a stage with " + declared.size() + " numeric USER lines");
                }
                users.addAll(declared);
            }
        }
        if (users.size() != 1) {
            throw new AssertionError("the Dockerfiles run as different users: " + users);
        }
        long user = users.iterator().next();
        if (user == 0) {
            throw new AssertionError("the images run as root");
        }
        return user;
    }

    static List<Path> all() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".Dockerfile")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
