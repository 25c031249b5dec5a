package dev.voicefarm.common.kafka;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The one way the farm reads job topics: a share consumer of a class's share group. */
public final class JobConsumers {

    private JobConsumers() {
    }

    /**
     * A share consumer with explicit acknowledgement and one record per poll, so its holder never
     * holds a job it is not handling (no head-of-line blocking): a worker slot, or the scheduler
     * moving a departed worker's jobs.
     */
    public static KafkaShareConsumer<String, String> oneAtATime(String bootstrapServers, String shareGroup,
                                                                String clientId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, shareGroup);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put("share.acknowledgement.mode", "explicit");
        props.put("share.acquire.mode", "record_limit");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        return new KafkaShareConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
