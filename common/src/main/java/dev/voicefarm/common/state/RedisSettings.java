package dev.voicefarm.common.state;

import redis.clients.jedis.RedisClient;

/**
 * Where Redis is and the password it asks for ({@code requirepass}); the one place every app
 * and test opens its Redis client from.
 *
 * @param password empty for a Redis without a password
 */
public record RedisSettings(String host, int port, String password) {

    public RedisClient open() {
        return password == null || password.isEmpty()
                ? RedisClient.create(host, port)
                : RedisClient.create(host, port, null, password);
    }
}
