package be.fiduciaire.tracker.common;

import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import jakarta.ws.rs.container.ContainerRequestContext;

/** The {@link Text} rule on every query parameter of every endpoint (bodies: {@link RequestJson}). */
public class QueryParameterText {

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters().entrySet()) {
            String name = parameter.getKey();
            if (Text.hasControlCharacter(name)) throw ProblemException.badRequest("query", ErrorCode.TEXT_CONTROL_CHARACTERS, Text.CONTROL_CHARACTERS);
            for (String value : parameter.getValue()) {
                if (Text.hasControlCharacter(value)) throw ProblemException.badRequest(name, ErrorCode.TEXT_CONTROL_CHARACTERS, Text.CONTROL_CHARACTERS);
            }
        }
    }
}
