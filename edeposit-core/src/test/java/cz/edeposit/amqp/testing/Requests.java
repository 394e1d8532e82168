package cz.edeposit.amqp.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Publishes requests the way the Python clients do: a JSON body and a {@code UUID} header. */
public final class Requests {

    private Requests() {
    }

    public static void publish(Channel channel, String exchange, String key, String uuid, String body) throws IOException {
        Map<String, Object> headers = new HashMap<>();
        headers.put("UUID", uuid);
        publish(channel, exchange, key, new AMQP.BasicProperties.Builder()
                .contentType("application/json").deliveryMode(2).headers(headers).build(), body);
    }

    public static void publish(Channel channel, String exchange, String key, AMQP.BasicProperties properties,
                               String body) throws IOException {
        channel.basicPublish(exchange, key, properties, body.getBytes(StandardCharsets.UTF_8));
    }
}
