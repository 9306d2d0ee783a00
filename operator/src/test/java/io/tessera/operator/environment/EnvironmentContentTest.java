package io.tessera.operator.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.tessera.api.v1alpha1.arraycluster.spec.EnvironmentSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.EnvironmentSpecBuilder;

class EnvironmentContentTest {

    private static final String IMAGE = "tessera/worker:0.1.0";

    @Test
    void shouldHashEqualContentEquallyWhateverThePipOrderAndDuplicates() {
        EnvironmentContent a = lists(List.of("scikit-learn==1.6.1", "s3fs"), List.of(), List.of());
        EnvironmentContent b = lists(List.of("s3fs", "scikit-learn==1.6.1", "s3fs"), List.of(), List.of());

        assertThat(a.hash()).isEqualTo(b.hash()).hasSize(12).matches("[0-9a-f]{12}");
        assertThat(a.canonicalJson()).isEqualTo(b.canonicalJson());
    }

    @Test
    void shouldWriteTheCanonicalFormOfTheContract() {
        EnvironmentContent content = lists(List.of("zarr", "s3fs", "zarr"), List.of("xarray"),
                List.of("conda-forge", "defaults"));

        assertThat(content.canonicalJson()).isEqualTo("{\"image\":\"tessera/worker:0.1.0\",\"pip\":[\"s3fs\",\"zarr\"],"
                + "\"conda\":[\"xarray\"],\"channels\":[\"conda-forge\",\"defaults\"],\"lockfile\":null}");
        // SHA-256 of that text, first 12 hex characters (printf '%s' '<text>' | sha256sum).
        assertThat(content.hash()).isEqualTo("de66e9dcbdc8");
    }

    @Test
    void shouldTellChannelOrdersApart() {
        assertThat(lists(List.of(), List.of("xarray"), List.of("conda-forge", "defaults")).hash())
                .isNotEqualTo(lists(List.of(), List.of("xarray"), List.of("defaults", "conda-forge")).hash());
    }

    @Test
    void shouldTellImagesApart() {
        EnvironmentSpec spec = new EnvironmentSpecBuilder().withPip(List.of("s3fs")).build();

        assertThat(EnvironmentContent.ofLists(spec, "tessera/worker:0.1.0").hash())
                .isNotEqualTo(EnvironmentContent.ofLists(spec, "tessera/worker:0.2.0").hash());
    }

    @Test
    void shouldTellLockfileTextsApart() {
        assertThat(lock("lock", "requirements.txt", "s3fs==2025.3.0\n").hash())
                .isNotEqualTo(lock("lock", "requirements.txt", "s3fs==2025.3.2\n").hash())
                .isEqualTo(lock("other", "requirements.txt", "s3fs==2025.3.0\n").hash());
    }

    @Test
    void shouldKeepOnlyNonEmptyListsInTheSpecFile() {
        assertThat(lists(List.of("b", "a"), List.of(), List.of()).specFile()).isEqualTo("{\"pip\":[\"a\",\"b\"]}");
        assertThat(lists(List.of("b", "a"), List.of(), List.of()).specKey()).isEqualTo("environment.json");
    }

    @Test
    void shouldKeepTheLockfileKeyOnlyWithAnExtensionTheImageKnows() {
        assertThat(lock("l", "conda-lock.yml", "x").specKey()).isEqualTo("conda-lock.yml");
        assertThat(lock("l", "env.yaml", "x").specKey()).isEqualTo("env.yaml");
        assertThat(lock("l", "lock.json", "x").specKey()).isEqualTo("lock.json");
        assertThat(lock("l", "reqs.txt", "x").specKey()).isEqualTo("reqs.txt");
        assertThat(lock("l", "explicit.lock", "@EXPLICIT\n").specKey()).isEqualTo("requirements.txt");
        assertThat(lock("l", "explicit.lock", "@EXPLICIT\n").specFile()).isEqualTo("@EXPLICIT\n");
    }

    @Test
    void shouldSummarisePackagesForPeople() {
        assertThat(lists(List.of("s3fs"), List.of(), List.of()).summary()).isEqualTo("pip: 1 package");
        assertThat(lists(List.of("a", "b"), List.of("c"), List.of("conda-forge")).summary())
                .isEqualTo("pip: 2 packages, conda: 1 package, channels: conda-forge");
        assertThat(lock("locks", "requirements.txt", "x").summary()).isEqualTo("lockfile: locks/requirements.txt");
    }

    @Test
    void shouldAskForAnEnvironmentOnlyWhenTheSpecListsSomething() {
        assertThat(EnvironmentContent.requested(null)).isFalse();
        assertThat(EnvironmentContent.requested(new EnvironmentSpec())).isFalse();
        assertThat(EnvironmentContent.requested(new EnvironmentSpecBuilder().withPip(List.of()).build())).isFalse();
        assertThat(EnvironmentContent.requested(new EnvironmentSpecBuilder().withPip(List.of("a")).build())).isTrue();
    }

    @Test
    void shouldNeedCondaForCondaPackagesChannelsAndExplicitLocksOnly() {
        assertThat(lists(List.of("a"), List.of(), List.of()).needsConda()).isFalse();
        assertThat(lists(List.of(), List.of("xarray"), List.of()).needsConda()).isTrue();
        assertThat(lists(List.of(), List.of(), List.of("conda-forge")).needsConda()).isTrue();
        assertThat(lock("l", "requirements.txt", "s3fs==2025.3.0\n").needsConda()).isFalse();
        assertThat(lock("l", "env.lock", "# platform: linux-64\n@EXPLICIT\nhttps://conda.anaconda.org/x.conda\n")
                .needsConda()).isTrue();
    }

    private static EnvironmentContent lists(List<String> pip, List<String> conda, List<String> channels) {
        return EnvironmentContent.ofLists(new EnvironmentSpecBuilder().withPip(pip).withConda(conda)
                .withCondaChannels(channels).build(), IMAGE);
    }

    private static EnvironmentContent lock(String configMap, String key, String text) {
        return EnvironmentContent.ofLockfile(IMAGE, new EnvironmentContent.Lockfile(configMap, key, text));
    }
}
