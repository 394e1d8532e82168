package cz.edeposit.amqp.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import cz.edeposit.amqp.daemon.ExitCodes;
import cz.edeposit.amqp.settings.HostSettings;
import cz.edeposit.amqp.tool.ManagementApi.ManagementException;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code --status}: each host's queues and whether its daemon consumes, read from the management API,
 * printed as a table for people or as JSON for machines (docs/tool.md, "Status").
 */
final class StatusReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> HEADER = List.of("HOST", "VHOST", "QUEUE", "ROLE", "READY", "UNACKED",
            "CONSUMERS", "PUBLISH/s", "DELIVER/s", "DAEMON");
    /** Columns 4 to 8 hold numbers and are right-aligned. */
    private static final int FIRST_NUMBER = 4;
    private static final int LAST_NUMBER = 8;

    private final ManagementApi management;

    StatusReport(ManagementApi management) {
        this.management = management;
    }

    /** The status of {@code hosts} in their order. @throws ToolFailure when the management API does not answer */
    List<HostStatus> read(List<HostSettings> hosts) {
        List<HostStatus> statuses = new ArrayList<>();
        try {
            for (HostSettings host : hosts) {
                if (!management.vhostExists(host.vhost())) {
                    statuses.add(HostStatus.missingVhost(host));
                    continue;
                }
                statuses.add(new HostStatus(host, true, queue(host.vhost(), host.inputQueue()),
                        queue(host.vhost(), host.outputQueue())));
            }
        } catch (ManagementException e) {
            throw ToolFailure.of(BrokerAccess.CANT_CONNECT, e.getMessage());
        }
        return statuses;
    }

    /** 0 when every daemon shown has a consumer on its input queue, else 1. */
    static int exitStatus(List<HostStatus> statuses) {
        return statuses.stream().allMatch(s -> s.daemon() == HostStatus.Daemon.ANSWERS) ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    static void printTable(List<HostStatus> statuses, PrintWriter out) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (HostStatus status : statuses) {
            rows.add(row(status, status.input(), "input", status.daemon().label()));
            rows.add(row(status, status.output(), "output", ""));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(i == 0 ? "" : "  ");
                line.append(i >= FIRST_NUMBER && i <= LAST_NUMBER ? pad + cell : cell + pad);
            }
            out.print(line.toString().stripTrailing() + "\n");
        }
        out.flush();
    }

    static void printJson(List<HostStatus> statuses, PrintWriter out) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode hosts = root.putArray("hosts");
        for (HostStatus status : statuses) {
            ObjectNode host = hosts.addObject();
            host.put("host", status.host().name());
            host.put("vhost", status.host().vhost());
            host.put("vhost_exists", status.vhostExists());
            host.put("daemon", status.daemon().label());
            host.put("answers", status.daemon() == HostStatus.Daemon.ANSWERS);
            queue(host.putObject("input"), status.input());
            queue(host.putObject("output"), status.output());
        }
        root.put("all_answer", exitStatus(statuses) == ExitCodes.OK);
        try {
            out.print(JSON.writeValueAsString(root) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the status as JSON", e);
        }
        out.flush();
    }

    private QueueStatus queue(String vhost, String name) throws ManagementException {
        return management.queue(vhost, name).map(node -> QueueStatus.of(name, node)).orElse(QueueStatus.missing(name));
    }

    private static List<String> row(HostStatus status, QueueStatus queue, String role, String daemon) {
        return List.of(status.host().name(), status.host().vhost(), queue.name() + (queue.exists() ? "" : " (missing)"),
                role, number(queue.ready()), number(queue.unacked()), number(queue.consumers()),
                rate(queue.publishRate()), rate(queue.deliverRate()), daemon);
    }

    private static String number(Optional<Long> value) {
        return value.map(String::valueOf).orElse("-");
    }

    private static String rate(Optional<Double> value) {
        return value.map(v -> String.format(Locale.ROOT, "%.2f", v)).orElse("-");
    }

    private static void queue(ObjectNode node, QueueStatus queue) {
        node.put("queue", queue.name());
        node.put("exists", queue.exists());
        putLong(node, "ready", queue.ready());
        putLong(node, "unacked", queue.unacked());
        putLong(node, "consumers", queue.consumers());
        putDouble(node, "publish_rate", queue.publishRate());
        putDouble(node, "deliver_rate", queue.deliverRate());
    }

    private static void putLong(ObjectNode node, String field, Optional<Long> value) {
        if (value.isPresent()) {
            node.put(field, value.get());
        } else {
            node.putNull(field);
        }
    }

    private static void putDouble(ObjectNode node, String field, Optional<Double> value) {
        if (value.isPresent()) {
            node.put(field, value.get());
        } else {
            node.putNull(field);
        }
    }
}
