/**
 * Environments added on top of the worker image ({@code spec.environment}, issue 15), as pure
 * functions: the content and its hash ({@link io.tessera.operator.environment.EnvironmentContent}),
 * the names shared by the build and the pods ({@link io.tessera.operator.environment.EnvironmentNames}),
 * how a pod mounts a built environment ({@link io.tessera.operator.environment.EnvironmentMount}) and
 * what the condition {@code EnvironmentReady} says about a build Job
 * ({@link io.tessera.operator.environment.BuildVerdict}). Imports nothing of the reconcilers: the
 * desired-state factories and the keepers build on it.
 */
package io.tessera.operator.environment;
