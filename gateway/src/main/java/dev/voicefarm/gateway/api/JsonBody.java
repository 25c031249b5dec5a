package dev.voicefarm.gateway.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;

/**
 * The strict reading of every JSON request body: UTF-8 only (invalid bytes refused, not replaced),
 * exactly one object (nothing after it), no key twice. Whatever the parser stops at is a 400 that
 * says why, never a guess at what the client meant.
 */
public final class JsonBody {

    /** A JSON request is a few kilobytes; {@link BodyLimits} refuses a larger declared length before reading. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .build();

    private JsonBody() {
    }

    /** @throws ApiException 400 {@code malformed_json} or {@code invalid_request} */
    public static JsonNode object(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("malformed_json", "the request body is empty; send a JSON object");
        }
        if (body.length > MAX_BYTES) { // sent chunked, without a length to refuse it by
            throw ApiException.payloadTooLarge("the request body has " + body.length
                    + " bytes; JSON requests are limited to " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("malformed_json", "the request body is not valid UTF-8");
        }
        if (text.isBlank()) {
            throw ApiException.badRequest("malformed_json", "the request body is empty; send a JSON object");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed_json",
                    "the request body is not one valid JSON object: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("invalid_request", "the request body must be a JSON object");
        }
        return root;
    }

    /** @throws ApiException 400 {@code unknown_field} naming the first field not in {@code fields} */
    public static void knownFields(JsonNode object, Set<String> fields, String expected) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw ApiException.badRequest("unknown_field", "unknown field '" + clip(name) + "'; " + expected)
                        .forParam(clip(name));
            }
        }
    }

    /**
     * A name people gave something (a voice, a tenant, a key): a string, stripped, of 1 to
     * {@code maxChars} characters without control characters.
     *
     * @throws ApiException 400 {@code wrong_type} or {@code invalid_name}
     */
    public static String name(String field, JsonNode node, int maxChars) {
        if (!node.isTextual()) {
            throw wrongType(field, "a string", node);
        }
        return name(field, node.textValue(), maxChars);
    }

    /**
     * The same rule for a name that did not come as JSON (a form field): stripped, 1 to
     * {@code maxChars} characters, no control characters.
     *
     * @throws ApiException 400 {@code invalid_name}
     */
    public static String name(String field, String value, int maxChars) {
        String name = value.strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > maxChars
                || name.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("invalid_name",
                    "field '" + field + "' must have 1 to " + maxChars + " characters and no control characters")
                    .forParam(field);
        }
        return name;
    }

    public static ApiException wrongType(String field, String expected, JsonNode node) {
        return ApiException.badRequest("wrong_type",
                "field '" + field + "' must be " + expected + ", not " + node.getNodeType().name().toLowerCase())
                .forParam(field);
    }

    /** A client's string echoed in an error, cut short: an error must not grow with the input. */
    public static String clip(String value) {
        return value.length() <= 64 ? value : value.substring(0, 61) + "...";
    }
}
