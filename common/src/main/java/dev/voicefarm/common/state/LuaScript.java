package dev.voicefarm.common.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script Redis runs by its SHA-1 ({@code EVALSHA}), so its body crosses the network and is
 * hashed by Redis once, not on every call (the job store's is about 5 KB, sent with every event).
 * A Redis that does not know it (restarted, or {@code SCRIPT FLUSH}) answers NOSCRIPT, and the call
 * is made once with {@code EVAL}, which runs it and puts it back in Redis' script cache.
 */
final class LuaScript {

    private final String source;
    private final String sha1;

    LuaScript(String source) {
        this.source = source;
        this.sha1 = sha1(source);
    }

    Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        try {
            return redis.evalsha(sha1, keys, args);
        } catch (JedisNoScriptException e) {
            return redis.eval(source, keys, args);
        }
    }

    /** The name Redis gives the script: the hex SHA-1 of its body. */
    String sha1() {
        return sha1;
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
