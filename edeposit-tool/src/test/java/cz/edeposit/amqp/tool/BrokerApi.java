package cz.edeposit.amqp.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.testing.TestBroker;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the broker really holds, read through the management HTTP API, in a form two vhosts can be
 * compared by: exchanges, queues, bindings and policies described without the vhost name.
 */
final class BrokerApi {

    /** The schema of one vhost, each object as one line of text. */
    record Schema(Set<String> exchanges, Set<String> queues, Set<String> bindings, Set<String> policies) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestBroker broker = TestBroker.get();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** The exchanges (without the default and {@code amq.*} ones), queues, bindings (without the default exchange's) and policies of {@code vhost}. */
    Schema schema(String vhost) {
        Set<String> exchanges = new TreeSet<>();
        for (JsonNode e : get("/api/exchanges/" + segment(vhost))) {
            String name = e.get("name").asText();
            if (!name.isEmpty() && !name.startsWith("amq.")) {
                exchanges.add(name + " type=" + e.get("type").asText() + " durable=" + e.get("durable")
                        + " auto_delete=" + e.get("auto_delete") + " internal=" + e.get("internal")
                        + " arguments=" + sorted(e.get("arguments")));
            }
        }
        Set<String> queues = new TreeSet<>();
        for (JsonNode q : get("/api/queues/" + segment(vhost))) {
            queues.add(q.get("name").asText() + " type=" + q.get("type").asText() + " durable=" + q.get("durable")
                    + " auto_delete=" + q.get("auto_delete") + " exclusive=" + q.get("exclusive")
                    + " arguments=" + sorted(q.get("arguments")));
        }
        Set<String> bindings = new TreeSet<>();
        for (JsonNode b : get("/api/bindings/" + segment(vhost))) {
            if (!b.get("source").asText().isEmpty()) {
                bindings.add(b.get("source").asText() + "['" + b.get("routing_key").asText() + "'] -> "
                        + b.get("destination_type").asText() + " '" + b.get("destination").asText() + "'");
            }
        }
        Set<String> policies = new TreeSet<>();
        for (JsonNode p : get("/api/policies/" + segment(vhost))) {
            policies.add(p.get("name").asText() + " pattern=" + p.get("pattern").asText() + " apply-to="
                    + p.get("apply-to").asText() + " definition=" + sorted(p.get("definition"))
                    + " priority=" + p.get("priority"));
        }
        return new Schema(exchanges, queues, bindings, policies);
    }

    boolean vhostExists(String vhost) {
        return send("GET", "/api/vhosts/" + segment(vhost), null).statusCode() == 200;
    }

    /** The permissions of {@code user} on {@code vhost} as {@code configure write read}, or null. */
    String permissions(String vhost, String user) {
        HttpResponse<String> response = send("GET", "/api/permissions/" + segment(vhost) + "/" + segment(user), null);
        if (response.statusCode() == 404) {
            return null;
        }
        JsonNode p = parse(response.body());
        return p.get("configure").asText() + " " + p.get("write").asText() + " " + p.get("read").asText();
    }

    /** Creates {@code vhost} and takes away the permissions the API gives its creator, so nobody may use it. */
    void createBareVhost(String vhost) {
        expectSuccess(send("PUT", "/api/vhosts/" + segment(vhost), "{}"));
        HttpResponse<String> revoke = send("DELETE", "/api/permissions/" + segment(vhost) + "/" + segment(broker.user()), null);
        if (revoke.statusCode() != 404) {
            expectSuccess(revoke);
        }
    }

    /** Imports a definitions document, as the management UI's upload does. */
    void importDefinitions(String json) {
        expectSuccess(send("POST", "/api/definitions", json));
    }

    JsonNode get(String path) {
        HttpResponse<String> response = send("GET", path, null);
        expectSuccess(response);
        return parse(response.body());
    }

    /** A TCP port on loopback where nothing listens (it was free a moment ago). */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private HttpResponse<String> send(String method, String path, String body) {
        String auth = Base64.getEncoder().encodeToString(
                (broker.user() + ":" + broker.password()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(broker.managementUri() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expectSuccess(HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private static String sorted(JsonNode object) {
        Map<String, String> map = new TreeMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            map.put(field.getKey(), field.getValue().toString());
        }
        return map.toString();
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
