package be.fiduciaire.tracker.common;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import be.fiduciaire.tracker.peppol.lookup.LookupError;

/**
 * Documents the error answers every operation can give, all as problem+json, and the two ways to
 * authenticate (session cookie, bearer API token), so openapi.yaml tells integrators what to expect.
 */
public class ProblemResponsesFilter implements OASFilter {

    /** In status order: Map.of would iterate in a different order on each run, and openapi.yaml with it. */
    private static final Map<String, String> ERRORS = new java.util.TreeMap<>(Map.of(
            "400", "Malformed request (JSON, parameter or filter); names the field",
            "401", "Not authenticated",
            "403", "Role or token scope does not allow this; or, with the session cookie, a change from another origin"
                    + " or without a JSON body (CSRF check: Origin / Sec-Fetch-Site, Content-Type)",
            "404", "Not found",
            "409", "Conflict: in use, duplicate or stale version",
            "412", "Stale If-Match version",
            "422", "Validation failed; lists each field"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) openAPI.setComponents(OASFactory.createComponents());
        describeErrorCodes(openAPI);
        describeLookupErrorCodes(openAPI);
        openAPI.getComponents().addSecurityScheme("bearer", OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").description("API token from POST /api/api-tokens"));
        openAPI.getComponents().addSecurityScheme("session", OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.COOKIE).name("peppol_session")
                .description("Session cookie set by POST /api/auth/login"));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) return;
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/")) continue;
            for (Operation operation : path.getValue().getOperations().values()) {
                boolean isPublic = path.getKey().equals("/api/auth/login");
                if (!isPublic) {
                    operation.setSecurity(java.util.List.of(
                            OASFactory.createSecurityRequirement().addScheme("bearer"),
                            OASFactory.createSecurityRequirement().addScheme("session")));
                }
                ERRORS.forEach((status, description) -> {
                    if (isPublic && (status.equals("403") || status.equals("404") || status.equals("409") || status.equals("412"))) return;
                    operation.getResponses().addAPIResponse(status, problem(description));
                });
                if (isPublic) {
                    operation.getResponses().addAPIResponse("403", problem("Sign-in from a page of another origin (Origin)"));
                    operation.getResponses().addAPIResponse("429", problem("Too many failed sign-ins from this address or to this"
                            + " account: wait the Retry-After seconds (the delay grows with each further failure)")
                            .addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before the next attempt")
                                    .schema(OASFactory.createSchema().type(java.util.List.of(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.INTEGER)))));
                }
            }
        }
    }

    /** {@code FieldError.code}: the enum of {@link ErrorCode}, with what each code means, so integrators and the SPA's types know them all. */
    private static void describeErrorCodes(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        Schema fieldError = schemas == null ? null : schemas.get("FieldError");
        if (fieldError == null || fieldError.getProperties() == null || fieldError.getProperties().get("code") == null) return;
        StringBuilder description = new StringBuilder("Stable machine-readable code (codes are only ever added):");
        for (ErrorCode code : ErrorCode.values()) description.append("\n- `").append(code.code()).append("`: ").append(code.description());
        fieldError.getProperties().get("code")
                .enumeration(java.util.Arrays.stream(ErrorCode.values()).<Object>map(ErrorCode::code).toList())
                .description(description.toString());
    }

    /**
     * {@code PeppolLookupErrorCode}: the enum of {@link LookupError} (the {@code errorCode} of a Peppol check, a run's
     * failed client, a stopped run), each with its params and English text, so integrators and the SPA know them all.
     */
    private static void describeLookupErrorCodes(OpenAPI openAPI) {
        StringBuilder description = new StringBuilder("Why a Peppol look-up failed, or why a participant it found cannot receive "
                + "invoices: a stable code (codes are only ever added); its params in errorParams, as the English text names them:");
        for (LookupError code : LookupError.values())
            description.append("\n- `").append(code.code()).append("`").append(code.transientFailure() ? " (transient)" : "")
                    .append(": ").append(code.template());
        openAPI.getComponents().addSchema(LookupError.SCHEMA, OASFactory.createSchema()
                .type(java.util.List.of(Schema.SchemaType.STRING))
                .enumeration(java.util.Arrays.stream(LookupError.values()).<Object>map(LookupError::code).toList())
                .description(description.toString()));
        // the errorCode properties naming it are null when nothing is wrong: $ref or null, as nullable records are
        String ref = "#/components/schemas/" + LookupError.SCHEMA;
        for (Schema schema : openAPI.getComponents().getSchemas().values()) {
            if (schema.getProperties() == null) continue;
            for (Schema property : schema.getProperties().values())
                if (ref.equals(property.getRef())) {
                    property.setRef(null);
                    property.anyOf(java.util.List.of(OASFactory.createSchema().ref(ref),
                            OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.NULL))));
                }
        }
    }

    private static APIResponse problem(String description) {
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")));
        return OASFactory.createAPIResponse().description(description).content(content);
    }
}
