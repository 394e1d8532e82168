/**
 * Network destinations a daemon may connect to: CIDR ranges and the allow/deny policy first written for the
 * downloader, shared here so that the harvester (and later the downloader) use one implementation.
 */
package cz.edeposit.amqp.net;
