package io.tessera.gateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.tessera.api.Constants;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading the objects of a review into the API classes, and the metadata the webhook looks at. */
public final class Kinds {

    /** Lenient about unknown fields: a newer CRD version must not break admission. */
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Kinds() {
    }

    public static <T> T read(JsonNode object, Class<T> type) {
        try {
            return SERIALIZATION.convertValue(object, type);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("request.object is not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** JSON of a model value, for comparing values without equals (the CRD model's classes). */
    public static String json(Object value) {
        return value == null ? "null" : SERIALIZATION.asJson(value);
    }

    public static Map<String, String> labels(HasMetadata object) {
        return Optional.ofNullable(object.getMetadata().getLabels()).orElse(Map.of());
    }

    public static Map<String, String> annotations(HasMetadata object) {
        return Optional.ofNullable(object.getMetadata().getAnnotations()).orElse(Map.of());
    }

    public static Optional<String> userLabel(HasMetadata object) {
        return Optional.ofNullable(labels(object).get(Constants.LABEL_USER));
    }

    /** The name of the Tessera object of {@code kind} that controls {@code object}, if one does. */
    public static Optional<String> controller(HasMetadata object, String kind) {
        return Optional.ofNullable(object.getMetadata().getOwnerReferences()).orElse(List.of()).stream()
                .filter(ref -> kind.equals(ref.getKind()) && ref.getApiVersion() != null
                        && ref.getApiVersion().startsWith(Constants.GROUP + "/"))
                .filter(ref -> Boolean.TRUE.equals(ref.getController()))
                .map(OwnerReference::getName).findFirst();
    }

    public static boolean deleting(HasMetadata object) {
        return object.getMetadata().getDeletionTimestamp() != null;
    }
}
