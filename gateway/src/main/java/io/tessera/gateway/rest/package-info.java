/** The admin REST API (JSON, errors as {"error": "..."}), its request/response bodies and error mapping. */
package io.tessera.gateway.rest;
