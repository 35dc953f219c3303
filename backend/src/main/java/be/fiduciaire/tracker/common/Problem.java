package be.fiduciaire.tracker.common;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9457 problem details, with the list of fields at fault. */
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json)")
public record Problem(String type, String title, int status, String detail, List<ProblemException.FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail, List<ProblemException.FieldError> errors) {
        return new Problem("about:blank", title, status, detail, errors == null ? List.of() : errors);
    }
}
