package be.fiduciaire.tracker.common;

import jakarta.validation.Payload;

/**
 * Bean Validation payloads naming the {@link ErrorCode} of a standard constraint when the constraint's own code
 * would say less, e.g. {@code @Pattern(regexp = FieldKeys.RULE, payload = Codes.KeyFormat.class)} is
 * {@code key.format}, not {@code format}. Read by {@link ProblemMappers}.
 */
public final class Codes {
    private Codes() {}

    /** {@link ErrorCode#KEY_FORMAT}. */
    public interface KeyFormat extends Payload {}

    /** {@link ErrorCode#REQUIRED}: e.g. a pattern that only refuses blank text. */
    public interface Required extends Payload {}

    /** {@link ErrorCode#LANGUAGE_UNSUPPORTED}, the languages being the alternatives of the pattern. */
    public interface Language extends Payload {}
}
