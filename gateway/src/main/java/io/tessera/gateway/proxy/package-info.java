/**
 * The gateway's front door: one Netty listener on the public port that sends TLS connections to
 * Dask schedulers by their ClientHello's server name ({@code daskgateway-<cluster>}) without
 * terminating TLS, and everything else to the gateway's own HTTP server on loopback.
 * {@link io.tessera.gateway.proxy.FrontDoorServer} is plain Netty (testable without Quarkus);
 * {@link io.tessera.gateway.proxy.FrontDoor} wires it into the application.
 */
package io.tessera.gateway.proxy;
