package io.tessera.gateway.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Every JSON string the API reads (bound to a field or kept as a tree) is {@link PlainText}: a
 * {@code "\u0000"} is a 400 naming the field here, not a 500 from PostgreSQL later.
 */
@Singleton
public class JsonTextCheck implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("tessera-plain-text");
        module.addDeserializer(String.class, new CheckedString());
        module.addDeserializer(JsonNode.class, new CheckedTree());
        mapper.registerModule(module);
    }

    private static final class CheckedString extends StdDeserializer<String> {

        CheckedString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null) {
                Optional<String> bad = PlainText.control(value, true);
                if (bad.isPresent()) {
                    throw JsonMappingException.from(parser, "text must not contain a " + bad.get());
                }
            }
            return value;
        }
    }

    private static final class CheckedTree extends StdDeserializer<JsonNode> {

        CheckedTree() {
            super(JsonNode.class);
        }

        @Override
        public JsonNode deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode tree = JsonNodeDeserializer.getDeserializer(JsonNode.class).deserialize(parser, context);
            Optional<String> bad = find(tree, "body");
            if (bad.isPresent()) {
                throw JsonMappingException.from(parser, bad.get());
            }
            return tree;
        }

        @Override
        public JsonNode getNullValue(DeserializationContext context) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }

        private static Optional<String> find(JsonNode node, String where) {
            if (node.isTextual()) {
                return PlainText.control(node.textValue(), true).map(c -> where + " must not contain a " + c);
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    Optional<String> bad = find(node.get(i), where + "[" + i + "]");
                    if (bad.isPresent()) {
                        return bad;
                    }
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                Optional<String> bad = PlainText.control(field.getKey(), false)
                        .map(c -> where + " has a key with a " + c)
                        .or(() -> find(field.getValue(), field.getKey()));
                if (bad.isPresent()) {
                    return bad;
                }
            }
            return Optional.empty();
        }
    }
}
