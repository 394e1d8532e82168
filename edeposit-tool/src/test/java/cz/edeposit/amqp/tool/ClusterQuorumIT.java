package cz.edeposit.amqp.tool;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.HostSettings;
import cz.edeposit.amqp.testing.PrivateCluster;
import cz.edeposit.amqp.tool.Tool.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --create --queue-type quorum} on a three-node cluster named by {@code RABBITMQ_ADDRESSES}:
 * every queue of every host is a quorum queue with a member on each node.
 */
class ClusterQuorumIT {

    @RegisterExtension
    static final PrivateCluster cluster = PrivateCluster.perTestClass();

    @Test
    void createWithQuorumDeclaresEveryQueueOfEveryHostAsQuorumOnAllThreeNodes() throws Exception {
        // The hosts' default vhosts exist on the private cluster; only the node list is set.
        Map<String, String> env = Map.of("EDEPOSIT_RABBITMQ_ADDRESSES", cluster.addresses());
        Run run = Tool.run(env, "--host", "all", "--create", "--queue-type", "quorum");
        assertEquals(0, run.status(), run.err());
        assertEquals("", run.err());
        AmqpSettings settings = cluster.settings(env);
        int queues = 0;
        for (HostSettings host : settings.hosts()) {
            for (String queue : host.queues().keySet()) {
                assertQuorum(host.vhost(), queue, queues % PrivateCluster.SIZE);
                queues++;
            }
        }
        assertEquals(22, queues);
        String listed = cluster.listQueues("downloader", "name", "type", "members");
        for (String line : listed.strip().split("\n")) {
            assertTrue(line.contains("quorum"), listed);
            for (PrivateCluster.Node node : cluster.nodes()) {
                assertTrue(line.contains(node.name()), "a member on every node: " + listed);
            }
        }
        Run again = Tool.run(env, "--host", "downloader", "--create", "--queue-type", "quorum");
        assertEquals(0, again.status(), "running it again is harmless: " + again.err());
    }

    /** A quorum declare of the same queue is accepted on another node; a classic one is refused. */
    private static void assertQuorum(String vhost, String queue, int nodeIndex) throws IOException {
        try (Connection connection = cluster.connect(nodeIndex, vhost, "edeposit-test-quorum");
             Channel channel = connection.createChannel()) {
            channel.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
        } catch (Exception e) {
            throw new AssertionError("queue '" + queue + "' of vhost '" + vhost + "' is not a quorum queue: " + e, e);
        }
    }
}
