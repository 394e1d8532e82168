package cz.edeposit.amqp.harvester;

import com.fasterxml.jackson.databind.JsonNode;
import cz.edeposit.amqp.client.CallOptions;
import cz.edeposit.amqp.client.RpcClient;
import cz.edeposit.amqp.client.RpcException;
import cz.edeposit.amqp.harvester.HarvesterAlephMessages.AlephRecord;
import cz.edeposit.amqp.harvester.HarvesterAlephMessages.Query;
import cz.edeposit.amqp.harvester.HarvesterAlephMessages.SearchRequest;
import cz.edeposit.amqp.harvester.HarvesterAlephMessages.SearchResult;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.HostSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue through {@code edeposit-alephd}: a {@code SearchRequest} to host {@code aleph} with core's
 * {@link RpcClient}, waiting at most {@code ALEPH_FILTER_TIMEOUT} for the {@code SearchResult}. A time-out, an
 * exception reply, an unroutable request or a lost broker is an {@link AlephFilter.AlephCheckFailed}.
 */
final class AlephCatalogue implements AlephFilter.Catalogue, AutoCloseable {

    static final String HOST = "aleph";

    private final RpcClient client;
    private final HostSettings host;
    private final CallOptions options;

    AlephCatalogue(AmqpSettings amqp, Duration timeout) {
        this.host = amqp.host(HOST);
        this.client = RpcClient.builder(amqp).clientId("harvester-" + java.util.UUID.randomUUID().toString().substring(0, 8))
                .replyTypes(host, HarvesterAlephMessages.REPLIES).defaultTimeout(timeout).build();
        this.options = CallOptions.defaults().withTimeout(timeout);
    }

    @Override
    public List<JsonNode> search(Query query) throws AlephFilter.AlephCheckFailed, InterruptedException {
        SearchResult result;
        try {
            result = client.callAndWait(host, new SearchRequest(query), SearchResult.class, options);
        } catch (RpcException e) {
            throw new AlephFilter.AlephCheckFailed("the aleph daemon did not answer " + query + ": " + e.getMessage(), e);
        }
        List<JsonNode> parsed = new ArrayList<>();
        for (AlephRecord record : result.records() == null ? List.<AlephRecord>of() : result.records()) {
            parsed.add(record.parsedInfo());
        }
        return parsed;
    }

    @Override
    public void close() {
        client.close();
    }
}
