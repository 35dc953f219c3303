package be.fiduciaire.tracker.common;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Whole-number parameters ({@code page}, {@code size}, {@code limit}, {@code days}, ...): a value that is not one is
 * a 400 naming the parameter, where JAX-RS would answer 404 for a query parameter it cannot convert.
 */
@Provider
public class WholeNumberParams implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        boolean isInt = rawType == Integer.class || rawType == int.class;
        boolean isLong = rawType == Long.class || rawType == long.class;
        if (!isInt && !isLong) return null;
        String name = nameOf(annotations);
        return (ParamConverter<T>) new ParamConverter<Object>() {
            @Override
            public Object fromString(String value) {
                if (value == null) return null;
                try {
                    return isInt ? (Object) Integer.valueOf(value.strip()) : (Object) Long.valueOf(value.strip());
                } catch (NumberFormatException e) {
                    throw ProblemException.badRequest(name, ErrorCode.TYPE_INTEGER, name + " must be a whole number");
                }
            }

            @Override
            public String toString(Object value) {
                return value == null ? null : value.toString();
            }
        };
    }

    private static String nameOf(Annotation[] annotations) {
        if (annotations != null) {
            for (Annotation a : annotations) {
                if (a instanceof QueryParam q) return q.value();
                if (a instanceof PathParam p) return p.value();
                if (a instanceof HeaderParam h) return h.value();
            }
        }
        return "parameter";
    }
}
