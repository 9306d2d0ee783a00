/**
 * dask-gateway cluster options: per-group bounds and defaults ({@link io.tessera.gateway.options.GroupOptions}),
 * the spec the client renders ({@link io.tessera.gateway.options.OptionsSpec}) and the parsing of what it
 * sends back ({@link io.tessera.gateway.options.OptionsParser}). Pure apart from the storage service.
 */
package io.tessera.gateway.options;
