package dev.voicefarm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The repository's files the checks read; Maven runs them in deploy-checks/, one level below the root. */
final class RepoFiles {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("deploy/k8s");
    static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
    static final Path README = ROOT.resolve("README.md");
    static final Path DEPLOYING = ROOT.resolve("docs/deploying.md");

    static final ObjectMapper JSON = new ObjectMapper();

    private RepoFiles() {
    }

    /**
     * Every document of a YAML file as a tree. SnakeYAML reads it rather than Jackson's YAML parser,
     * which leaves merge keys ({@code <<: *app-env} in docker-compose.yml) unresolved.
     */
    static List<JsonNode> yamlDocuments(Path file) {
        List<JsonNode> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(read(file))) {
            if (document != null) {
                documents.add(JSON.valueToTree(document));
            }
        }
        return documents;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
