package io.tessera.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * YAML fixtures under a test-resources directory. Lines starting with {@code # expect:} state
 * what the API server's rejection message must contain.
 */
public final class Fixtures {

    /** One fixture file: its name, the object it holds, and the expected message fragments. */
    public record Fixture(String name, GenericKubernetesResource object, List<String> expectedMessages) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String EXPECT = "# expect:";

    private Fixtures() {
    }

    public static Stream<Fixture> load(String resourceDir) {
        try (Stream<Path> files = Files.list(Path.of(Fixtures.class.getResource(resourceDir).toURI()))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().map(Fixtures::read).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Fixture read(Path file) {
        try {
            String text = Files.readString(file);
            List<String> expected = text.lines().filter(l -> l.startsWith(EXPECT))
                    .map(l -> l.substring(EXPECT.length()).trim()).toList();
            String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
            return new Fixture(name, Serialization.unmarshal(text, GenericKubernetesResource.class), expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
