package be.fiduciaire.tracker.common;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The JSON of request bodies: the application's mapper ({@link StrictJson}) plus the {@link Text} rule on every string
 * of every body, record properties, list items, map keys and values, and the free JSON values (custom fields,
 * bulk-edit changes) alike. Only what comes in over HTTP is held to it: services read stored and remote JSON with the
 * application's mapper, so a rule added later never makes stored data unreadable.
 */
@Provider
@Singleton
public class RequestJson implements ContextResolver<ObjectMapper> {

    /** A string of a request body that {@link Text} refuses; {@link ProblemMappers} names the property. */
    public static final class RefusedText extends InvalidFormatException {
        RefusedText(JsonParser p, String value) {
            super(p, Text.CONTROL_CHARACTERS, value, String.class);
        }
    }

    /** Unchecked carrier for a refused string inside a free JSON value (the tree factory cannot throw checked). */
    static final class RefusedTreeText extends RuntimeException {
        RefusedTreeText() {
            super(Text.CONTROL_CHARACTERS, null, false, false);
        }
    }

    private final ObjectMapper mapper;

    @Inject
    public RequestJson(ObjectMapper application) {
        SimpleModule rule = new SimpleModule("request-text");
        rule.addDeserializer(String.class, new CheckedString());
        rule.addKeyDeserializer(String.class, new CheckedKey());
        this.mapper = application.copy().registerModule(rule).setNodeFactory(new CheckedNodes());
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return mapper;
    }

    static final class CheckedString extends StdScalarDeserializer<String> {
        CheckedString() {
            super(String.class);
        }

        @Override
        public com.fasterxml.jackson.databind.type.LogicalType logicalType() {
            return com.fasterxml.jackson.databind.type.LogicalType.Textual;
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (Text.hasControlCharacter(value)) throw new RefusedText(p, value);
            return value;
        }
    }

    static final class CheckedKey extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            if (Text.hasControlCharacter(key)) throw new RefusedText(ctxt.getParser(), key);
            return key;
        }
    }

    static final class CheckedNodes extends JsonNodeFactory {
        @Override
        public TextNode textNode(String text) {
            if (Text.hasControlCharacter(text)) throw new RefusedTreeText();
            return super.textNode(text);
        }
    }
}
