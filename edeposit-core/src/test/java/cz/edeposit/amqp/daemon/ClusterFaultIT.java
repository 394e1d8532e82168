package cz.edeposit.amqp.daemon;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.PrivateCluster;
import cz.edeposit.amqp.testing.ReplyTally;
import cz.edeposit.amqp.testing.Requests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two daemon processes on a three-node cluster with quorum queues, counting like a checker (sent,
 * answered, duplicated, lost) while the node that leads the input queue is stopped or killed.
 */
class ClusterFaultIT {

    private static final String HOST = "downloader";
    private static final String VHOST = PrivateCluster.VHOST;
    private static final int REQUESTS = 2000;
    private static final String SLEEP = "{\"__nt_name\": \"Sleep\", \"millis\": 20}";
    // Generous bounds for a loaded machine (three Erlang VMs and two daemons on 2 cores shared with other builds):
    // they only matter when what is awaited never comes. How long the daemons took is printed, not asserted.
    private static final Duration SERVE_AGAIN = Duration.ofSeconds(180);
    private static final Duration STARTED = Duration.ofSeconds(180);
    // No reply at all for this long while some are missing: the daemons stopped answering.
    private static final Duration STALL = Duration.ofSeconds(180);
    private static final int WORKERS = 2;
    // Each worker consumes on a channel of its own: two daemons are 2 * WORKERS consumers.
    private static final int CONSUMERS = 2 * WORKERS;

    @RegisterExtension
    static final PrivateCluster cluster = PrivateCluster.perTestClass();

    @TempDir
    Path tmp;

    private final List<Process> daemons = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    @AfterEach
    void stopDaemons() { // before the cluster starts the stopped node again
        for (Process daemon : daemons) {
            daemon.destroy();
        }
        for (Process daemon : daemons) {
            daemon.onExit().join();
        }
    }

    @Test
    void stopAppOfTheInputQueueLeaderLosesNoRequest() throws Exception {
        int leader = freshQuorumSchemaAndLeader();
        Fault fault = run(leader, () -> cluster.stopApp(leader), "stop_app");
        fault.check();
    }

    @Test
    void killOfTheLeadersErlangVmLosesNoRequest() throws Exception {
        int leader = freshQuorumSchemaAndLeader();
        Fault fault = run(leader, () -> cluster.kill(leader), "kill -9");
        fault.check();
    }

    @Test
    void rollingRestartOfAllThreeNodesUnderSteadyLoadLosesNoRequest() throws Exception {
        freshQuorumSchemaAndLeader();
        startDaemon("a", cluster.addresses());
        startDaemon("b", cluster.addresses());
        awaitConsumers(0, CONSUMERS, STARTED);
        SteadyPublisher publisher = new SteadyPublisher("rolling");
        Thread thread = new Thread(publisher, "steady-publisher");
        thread.start();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < PrivateCluster.SIZE; i++) {
                // Load on each step however slow the machine: 30 more confirmed since the step before.
                int more = publisher.sent().size() + 30;
                Await.until("30 more requests confirmed before node " + (i + 1) + " stops", STARTED,
                        () -> publisher.sent().size() >= more);
                cluster.awaitNotQuorumCritical(i, Duration.ofSeconds(300));
                cluster.stopNode(i);
                cluster.startNode(i);
            }
            int afterRestart = publisher.sent().size() + 50;
            Await.until("50 more requests confirmed after the restart", STARTED,
                    () -> publisher.sent().size() >= afterRestart);
        } finally {
            publisher.stop();
            thread.join();
        }
        long restartMillis = (System.nanoTime() - started) / 1_000_000;
        Set<String> uuids = publisher.sent();
        awaitServingAgain(SERVE_AGAIN);
        ReplyTally.Counts counts = new ReplyTally(cluster.factory(0, VHOST), "plone", uuids)
                .awaitWhileReplying(STALL, Duration.ofSeconds(3));
        System.out.printf("cluster fault (rolling restart of %d nodes in %d ms under steady load, %d publisher"
                        + " fail-overs): sent %d, answered %d, duplicated %d, lost %d%n", PrivateCluster.SIZE,
                restartMillis, publisher.failovers, uuids.size(), uuids.size() - counts.lost().size(),
                counts.duplicated().size(), counts.lost().size());
        assertTrue(uuids.size() > 100, "steady load during the restart: " + uuids.size());
        assertEquals(Set.of(), counts.lost(), counts.toString());
        assertEquals(Set.of(), counts.unexpected(), counts.toString());
    }

    /**
     * About 50 requests a second, each confirmed before the next; on a lost node it moves to the next
     * node and publishes the unconfirmed request again (which may then be answered twice: counted).
     */
    private static final class SteadyPublisher implements Runnable {
        private final String prefix;
        private final Set<String> sent = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
        private volatile boolean stopped;
        private volatile int failovers;

        SteadyPublisher(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public void run() {
            int node = 0;
            int i = 0;
            Connection connection = null;
            Channel channel = null;
            while (!stopped) {
                String uuid = prefix + "-" + i;
                long pause;
                try {
                    if (channel == null || !channel.isOpen()) {
                        connection = cluster.connect(node, VHOST, "edeposit-test-steady");
                        channel = connection.createChannel();
                        channel.confirmSelect();
                    }
                    Requests.publish(channel, HOST, "request", uuid, SLEEP);
                    channel.waitForConfirmsOrDie(10_000);
                    sent.add(uuid);
                    i++;
                    pause = 20; // the steady load itself: about 50 requests a second
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    failovers++;
                    if (connection != null) {
                        connection.abort(1_000);
                    }
                    channel = null;
                    node = (node + 1) % PrivateCluster.SIZE;
                    pause = 200; // a client's back-off before the next node, not a wait for an event
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (connection != null) {
                connection.abort(1_000);
            }
        }

        void stop() {
            stopped = true;
        }

        Set<String> sent() {
            synchronized (sent) {
                return Set.copyOf(sent);
            }
        }
    }

    /**
     * What one fault did: the checker's counts and how long until both daemons consumed again (printed: a figure
     * of docs/scaling.md; that they do at all is {@link #awaitServingAgain}'s wait).
     */
    private record Fault(String what, int sent, ReplyTally.Counts counts, long servingAgainMillis) {
        void check() {
            assertEquals(Set.of(), counts.lost(), what + ": " + counts);
            assertEquals(Set.of(), counts.unexpected(), what + ": " + counts);
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private Fault run(int leader, Action fault, String what) throws Exception {
        int other = (leader + 1) % PrivateCluster.SIZE;
        int third = (leader + 2) % PrivateCluster.SIZE;
        // Daemon A may land on the leader (it must move when that node goes) or on `other`; B stays on `third`.
        startDaemon("a", cluster.node(leader).address() + "," + cluster.node(other).address());
        startDaemon("b", cluster.node(third).address());
        awaitConsumers(third, CONSUMERS, STARTED);
        Set<String> uuids = publish(third, what.replace(' ', '-'), REQUESTS);
        awaitQueued(third, "plone", 200);
        long before = queued(third, "daemon");
        long started = System.nanoTime();
        fault.run();
        awaitServingAgain(SERVE_AGAIN);
        long servingAgain = (System.nanoTime() - started) / 1_000_000;
        ReplyTally.Counts counts = new ReplyTally(cluster.factory(third, VHOST), "plone", uuids)
                .awaitWhileReplying(STALL, Duration.ofSeconds(3));
        int answered = uuids.size() - counts.lost().size();
        System.out.printf("cluster fault (%s of the input queue's leader, %d requests not yet taken): sent %d,"
                        + " answered %d, duplicated %d, lost %d; both daemons consuming again after %d ms; daemon A %s%n",
                what, before, uuids.size(), answered, counts.duplicated().size(), counts.lost().size(), servingAgain,
                connectedNodes(logs.get(0)));
        return new Fault(what, uuids.size(), counts, servingAgain);
    }

    /** Deletes and declares the host's exchange and quorum queues; returns the index of the input queue's leader. */
    private static int freshQuorumSchemaAndLeader() throws Exception {
        return cluster.leaderOf(VHOST, cluster.freshQuorumSchema(HOST).inputQueue());
    }

    private void startDaemon(String label, String addresses) throws IOException {
        Map<String, String> env = cluster.env(HOST, VHOST);
        env.put("EDEPOSIT_RABBITMQ_ADDRESSES", addresses);
        Path pidDir = Files.createDirectories(tmp.resolve("pid-" + label));
        Path log = tmp.resolve("daemon-" + label + ".log");
        logs.add(log);
        daemons.add(new DaemonProcess(EchoDaemon.class, env, List.of("--config-dir", tmp.toString(), "--pid-dir",
                pidDir.toString())).start(log, "start", "--foreground", "--workers", Integer.toString(WORKERS), "--prefetch", "16",
                "--max-backoff", "4", "--heartbeat", "10"));
    }

    /** Publishes with confirms through node {@code index}, so every request is in the queue on return. */
    private static Set<String> publish(int index, String prefix, int count) throws Exception {
        Set<String> uuids = new LinkedHashSet<>();
        try (Connection connection = cluster.connect(index, VHOST, "edeposit-test-publisher");
             Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            for (int i = 0; i < count; i++) {
                String uuid = prefix + "-" + i;
                Requests.publish(channel, HOST, "request", uuid, SLEEP);
                uuids.add(uuid);
            }
            channel.waitForConfirmsOrDie(STARTED.toMillis());
        }
        return uuids;
    }

    private static void awaitConsumers(int index, int count, Duration limit) throws Exception {
        Await.until(count + " consumers on the input queue", limit, () -> {
            try (Connection connection = cluster.connect(index, VHOST, "edeposit-test-probe");
                 Channel channel = connection.createChannel()) {
                return channel.queueDeclarePassive("daemon").getConsumerCount() == count;
            } catch (IOException e) {
                return false; // the queue re-elects its leader: ask again
            }
        });
    }

    /**
     * Until each daemon serves: it either never lost its connection, or logged that it serves again.
     * (A quorum queue keeps the consumers of a dead node as "suspected down", so the broker's consumer
     * count cannot tell.)
     */
    private void awaitServingAgain(Duration limit) throws Exception {
        Await.until("every daemon serving again: " + logs, limit, () -> {
            for (Path log : logs) {
                String text = Files.readString(log);
                if (text.contains("Not serving") && !text.contains("Serving again")) {
                    return false;
                }
            }
            return true;
        });
    }

    private static void awaitQueued(int index, String queue, long count) throws Exception {
        Await.until(count + " messages in " + queue, STARTED, () -> queued(index, queue) >= count);
    }

    private static long queued(int index, String queue) throws Exception {
        try (Connection connection = cluster.connect(index, VHOST, "edeposit-test-probe");
             Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        }
    }

    private static List<String> connectedNodes(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(line -> line.contains("Connected to RabbitMQ node"))
                .map(line -> line.replaceAll(".*Connected to RabbitMQ node (\\S+).*", "$1")).toList();
    }
}
