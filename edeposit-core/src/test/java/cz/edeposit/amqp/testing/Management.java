package cz.edeposit.amqp.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The few management HTTP API calls the tests need to own a vhost of their own. */
public final class Management {

    private final TestBroker broker;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // the management plugin (Cowboy) drops h2c upgrade requests
            .connectTimeout(Duration.ofSeconds(5)).build();

    public Management(TestBroker broker) {
        this.broker = broker;
    }

    /** Creates {@code vhost} and gives the test user full permissions on it. */
    public void createVhost(String vhost) {
        send("PUT", "/api/vhosts/" + encode(vhost), "{}");
        send("PUT", "/api/permissions/" + encode(vhost) + "/" + encode(broker.user()),
                "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
    }

    public void deleteVhost(String vhost) {
        send("DELETE", "/api/vhosts/" + encode(vhost), null);
    }

    /**
     * The broker's names of the connections to {@code vhost} whose client named them
     * {@code connectionName}; the management API lists a new connection only after some seconds.
     */
    public java.util.List<String> connections(String vhost, String connectionName) {
        java.util.List<String> names = new java.util.ArrayList<>();
        try {
            for (var connection : new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(get("/api/vhosts/" + encode(vhost) + "/connections"))) {
                if (connectionName.equals(connection.path("client_properties").path("connection_name").asText())) {
                    names.add(connection.get("name").asText());
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unexpected answer of the management API: " + e.getMessage(), e);
        }
        return names;
    }

    /** Closes a connection as the broker would on a failure. */
    public void closeConnection(String name) {
        send("DELETE", "/api/connections/" + encode(name), null);
    }

    /** GET {@code path}; the body as text (a JSON document). */
    public String get(String path) {
        return send("GET", path, null);
    }

    private String send(String method, String path, String json) {
        String auth = Base64.getEncoder().encodeToString(
                (broker.user() + ":" + broker.password()).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(broker.managementUri().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300 && !(method.equals("DELETE") && response.statusCode() == 404)) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("The RabbitMQ management API at " + broker.managementUri()
                    + " does not answer (" + e + "); enable it with: rabbitmq-plugins enable rabbitmq_management", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
