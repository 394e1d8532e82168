/**
 * Network destinations a daemon may connect to (CIDR ranges and the allow/deny policy), and the one pinned HTTP/1.1
 * client that the downloader and the harvester fetch with: it connects only to addresses the policy allowed,
 * with time-outs, limits and chunked decoding (docs/security.md).
 */
package cz.edeposit.amqp.net;
