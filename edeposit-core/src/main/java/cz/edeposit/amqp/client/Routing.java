package cz.edeposit.amqp.client;

import cz.edeposit.amqp.settings.HostSettings;

/** The routing keys and bindings of a client with an id (docs/client.md, "Routing"). */
final class Routing {

    private Routing() {
    }

    /** {@code <id>.<input key>}, e.g. {@code java-1a2b3c4d.request}. */
    static String requestKey(String clientId, HostSettings host) {
        return clientId + "." + host.inputKey();
    }

    /** A binding in the notation of the docs: {@code E["key"] -> queue}. */
    static String describe(String exchange, String key, String queue) {
        return exchange + "[\"" + key + "\"] -> " + queue;
    }
}
