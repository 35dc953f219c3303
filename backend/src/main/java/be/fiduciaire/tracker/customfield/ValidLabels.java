package be.fiduciaire.tracker.customfield;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException.FieldError;

/**
 * Labels of a definition: fr, nl and en only, at most 200 characters each, the French one required (the language
 * every label falls back to). Each problem is reported on {@code labels.<language>}. {@code null} is valid (an
 * update that keeps the labels); creations add {@code @NotNull}.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidLabels.Check.class)
public @interface ValidLabels {
    String message() default "Invalid labels";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<ValidLabels, Map<String, String>> {
        static final Set<String> LANGUAGES = Set.of("fr", "nl", "en");
        static final int MAX = 200;

        @Override
        public boolean isValid(Map<String, String> labels, ConstraintValidatorContext context) {
            if (labels == null) return true;
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            for (Map.Entry<String, String> e : labels.entrySet()) {
                FieldError problem = !LANGUAGES.contains(e.getKey()) ? FieldError.of(null, ErrorCode.LABEL_LANGUAGE, "Labels exist in fr, nl and en only")
                        : e.getValue() != null && e.getValue().strip().length() > MAX
                                ? FieldError.of(null, ErrorCode.TOO_LONG, "A label has at most " + MAX + " characters", "max", MAX) : null;
                if (problem != null) {
                    valid = false;
                    violation(context, e.getKey(), problem);
                }
            }
            if (!clean(labels).containsKey("fr")) {
                valid = false;
                violation(context, "fr", FieldError.of(null, ErrorCode.LABEL_FR_REQUIRED, "The French label is required"));
            }
            return valid;
        }

        /** A violation on {@code labels.<language>} carrying its code (read by common.ProblemMappers). */
        private static void violation(ConstraintValidatorContext context, String language, FieldError error) {
            context.unwrap(HibernateConstraintValidatorContext.class).withDynamicPayload(error)
                    .buildConstraintViolationWithTemplate(error.message())
                    .addPropertyNode(language).addConstraintViolation();
        }

        /** The labels as stored: trimmed, blank ones left out. */
        static Map<String, String> clean(Map<String, String> labels) {
            Map<String, String> clean = new LinkedHashMap<>();
            labels.forEach((language, text) -> {
                if (LANGUAGES.contains(language) && text != null && !text.isBlank()) clean.put(language, text.strip());
            });
            return clean;
        }
    }
}
