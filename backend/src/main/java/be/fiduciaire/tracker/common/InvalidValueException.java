package be.fiduciaire.tracker.common;

import java.util.Map;

/**
 * A value that is not fit for its property, with the error's code and params: thrown by the value rules (standard
 * and custom fields, strict JSON reading) and turned into a {@link ProblemException.FieldError} by the caller who
 * knows the property's name ({@link ProblemException.FieldError#of(String, IllegalArgumentException)}).
 */
public class InvalidValueException extends IllegalArgumentException {
    private final ErrorCode code;
    private final Map<String, Object> params;

    public InvalidValueException(ErrorCode code, String message, Object... params) {
        super(message);
        this.code = code;
        this.params = ProblemException.FieldError.paramsOf(params);
    }

    public ErrorCode code() { return code; }

    public Map<String, Object> params() { return params; }
}
