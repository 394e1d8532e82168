package cz.edeposit.amqp.bench;

import cz.edeposit.amqp.settings.HostSettings;

/**
 * One thing the load client measures.
 *
 * @param label    the column heading
 * @param host     where requests go
 * @param request  the request body
 * @param expected the body every final reply must have, or {@code null} to accept any non-exception reply
 * @param pid      the worker process whose CPU and memory /proc shows, or {@code null}
 */
record Target(String label, HostSettings host, byte[] request, byte[] expected, Long pid) {
}
