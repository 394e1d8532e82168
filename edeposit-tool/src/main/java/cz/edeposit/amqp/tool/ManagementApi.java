package cz.edeposit.amqp.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.wire.WireHeaders;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The few calls of the RabbitMQ management HTTP API the tool makes: vhosts, permissions, policies and
 * queue statistics, with the AMQP user's credentials.
 */
final class ManagementApi {

    /** A call that did not succeed; the message names the URL and the likely fix, never the password. */
    static final class ManagementException extends Exception {
        private static final long serialVersionUID = 1L;

        ManagementException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FULL = ".*";

    private final URI base;
    private final String user;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // the management plugin (Cowboy) drops h2c upgrade requests
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    ManagementApi(URI base, String user, String password) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.user = user;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The API's address as printed in messages: without any user info. */
    String address() {
        return base.getScheme() + "://" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort())
                + (base.getPath() == null ? "" : base.getPath());
    }

    boolean vhostExists(String vhost) throws ManagementException {
        HttpResponse<String> response = send("GET", "/api/vhosts/" + segment(vhost), null);
        if (response.statusCode() == 404) {
            return false;
        }
        check(response, "read vhost '" + vhost + "'");
        return true;
    }

    /** The management API's record of queue {@code name} in {@code vhost}, or empty when there is none. */
    Optional<JsonNode> queue(String vhost, String name) throws ManagementException {
        HttpResponse<String> response = send("GET", "/api/queues/" + segment(vhost) + "/" + segment(name), null);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        check(response, "read queue '" + name + "' of vhost '" + vhost + "'");
        try {
            return Optional.of(JSON.readTree(response.body()));
        } catch (JsonProcessingException e) {
            throw new ManagementException("the management API at " + address() + " answered no JSON for queue '"
                    + name + "' of vhost '" + vhost + "': " + e.getOriginalMessage());
        }
    }

    void createVhost(String vhost) throws ManagementException {
        check(send("PUT", "/api/vhosts/" + segment(vhost), "{}"), "create vhost '" + vhost + "'");
    }

    /** Gives the tool's user configure, write and read permission on everything in {@code vhost}. */
    void grantFullPermissions(String vhost) throws ManagementException {
        Map<String, String> permissions = new LinkedHashMap<>();
        permissions.put("configure", FULL);
        permissions.put("write", FULL);
        permissions.put("read", FULL);
        check(send("PUT", "/api/permissions/" + segment(vhost) + "/" + segment(user), json(permissions)),
                "grant user '" + user + "' permissions on vhost '" + vhost + "'");
    }

    /** Creates or replaces the queue policy {@code name} of {@code vhost}. */
    void putQueuePolicy(String vhost, String name, String pattern, Map<String, Object> definition)
            throws ManagementException {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("pattern", pattern);
        policy.put("definition", definition);
        policy.put("priority", 0);
        policy.put("apply-to", "queues");
        check(send("PUT", "/api/policies/" + segment(vhost) + "/" + segment(name), json(policy)),
                "set policy '" + name + "' in vhost '" + vhost + "'");
    }

    private void check(HttpResponse<String> response, String what) throws ManagementException {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String reason = switch (status) {
            case 401 -> "it refused user '" + user + "' (401): check RABBITMQ_USER_NAME and RABBITMQ_USER_PASSWORD";
            case 403 -> "user '" + user + "' is not allowed to (403): creating vhosts needs the 'administrator' tag,"
                    + " policies the 'policymaker' tag (rabbitmqctl set_user_tags " + user + " administrator)";
            default -> "it answered " + status + ": " + response.body().strip();
        };
        throw new ManagementException("the management API at " + address() + " could not " + what + ": " + reason);
    }

    private HttpResponse<String> send(String method, String path, String body) throws ManagementException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Content-Type", WireHeaders.JSON) // the same media type as a JSON reply
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
            throw new ManagementException("the management API at " + address() + " does not answer (" + why
                    + "): enable it with 'rabbitmq-plugins enable rabbitmq_management' or point --management-url at it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ManagementException("interrupted while calling the management API at " + address());
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
