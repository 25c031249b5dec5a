package dev.voicefarm.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API document the build writes ({@code target/openapi/openapi.json}, what {@code /q/openapi}
 * serves) against the code: every resource method of the gateway is in it with its error answers,
 * every reference resolves, and every example validates against its schema. Runs after packaging
 * (failsafe), when the document exists; needs no running service.
 */
class OpenApiDocumentIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode document;

    @BeforeAll
    static void read() throws IOException {
        document = JSON.readTree(java.nio.file.Path.of("target", "openapi", "openapi.json").toFile());
    }

    @Test
    void everyResourceMethodIsDescribedWithItsErrors() throws Exception {
        Set<String> inCode = resourceOperations();
        Set<String> inDocument = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(
                operation -> inDocument.add(operation.getKey().toUpperCase() + " " + path.getKey())));
        assertTrue(inCode.size() >= 25, "the scan found the resources: " + inCode);
        assertEquals(inCode, inDocument, "every endpoint of the code, and nothing else, is in the document");
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            JsonNode responses = operation.getValue().path("responses");
            String where = operation.getKey() + " " + path.getKey();
            for (String status : List.of("400", "401", "429", "503")) {
                assertTrue(responses.has(status), where + " describes " + status);
            }
            assertTrue(responses.fieldNames().hasNext() && hasSuccess(responses), where + " describes its success");
            if (path.getKey().contains("{")) {
                assertTrue(responses.has("404"), where + " describes 404");
            }
            if (path.getKey().startsWith("/v1/admin")) {
                assertTrue(responses.has("403"), where + " describes 403");
            }
        }));
        assertTrue(document.path("paths").path("/v1/jobs/{id}").path("delete").path("responses").has("409"), "a finished job's cancel");
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), ref);
            assertFalse(document.at(ref.substring(1)).isMissingNode(), "dangling reference " + ref);
        }
    }

    @Test
    void everyExampleValidatesAgainstItsSchema() {
        int examples = 0;
        Iterator<Map.Entry<String, JsonNode>> schemas = document.path("components").path("schemas").fields();
        while (schemas.hasNext()) {
            Map.Entry<String, JsonNode> schema = schemas.next();
            for (JsonNode example : schema.getValue().path("examples")) {
                assertEquals(Set.of(), validate(schema.getKey(), example), schema.getKey() + " example " + example);
                examples++;
            }
        }
        assertTrue(examples >= 6, "the request schemas carry examples: " + examples);
        JsonNode stray = JSON.createObjectNode().put("text", "Hello").put("colour", "blue");
        assertFalse(validate("SynthesisRequest", stray).isEmpty(), "a field the gateway refuses is refused by the schema too");
        assertFalse(validate("SynthesisRequest", JSON.createObjectNode().put("language", "en")).isEmpty(), "text is required");
    }

    /** The named schema of the document, applied to {@code value} with the document's references resolvable. */
    static Set<ValidationMessage> validate(String schemaName, JsonNode value) {
        ObjectNode schema = document.deepCopy();
        schema.remove(List.of("paths", "openapi", "info", "security"));
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$ref", "#/components/schemas/" + schemaName);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema).validate(value);
    }

    private static boolean hasSuccess(JsonNode responses) {
        Iterator<String> statuses = responses.fieldNames();
        while (statuses.hasNext()) {
            if (statuses.next().startsWith("2")) {
                return true;
            }
        }
        return false;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.elements().forEachRemaining(child -> collectRefs(child, refs));
    }

    /** {@code METHOD /path} of every resource method under target/classes, as JAX-RS joins class and method paths. */
    private static Set<String> resourceOperations() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of("target", "classes");
        Set<String> operations = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, OpenApiDocumentIT.class.getClassLoader());
                Path base = type.getAnnotation(Path.class);
                if (base == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    String verb = verb(method);
                    if (verb != null) {
                        Path sub = method.getAnnotation(Path.class);
                        operations.add(verb + " " + join(base.value(), sub == null ? "" : sub.value()));
                    }
                }
            }
        }
        return operations;
    }

    private static String verb(Method method) {
        for (var annotation : List.of(GET.class, POST.class, PUT.class, DELETE.class)) {
            if (method.isAnnotationPresent(annotation)) {
                return annotation.getSimpleName();
            }
        }
        return null;
    }

    private static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
