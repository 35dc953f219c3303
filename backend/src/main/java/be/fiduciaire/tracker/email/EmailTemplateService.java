package be.fiduciaire.tracker.email;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.common.ProblemException.FieldError;
import be.fiduciaire.tracker.customfield.FieldCatalog;
import be.fiduciaire.tracker.email.EmailDtos.Placeholders;
import be.fiduciaire.tracker.email.EmailDtos.Preview;
import be.fiduciaire.tracker.email.EmailDtos.PreviewRequest;
import be.fiduciaire.tracker.email.EmailDtos.TemplateInput;
import be.fiduciaire.tracker.email.EmailDtos.TemplateView;
import be.fiduciaire.tracker.email.EmailDtos.VariantDto;
import be.fiduciaire.tracker.user.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Template rules: every variant checked by {@link EmailRenderer} before it is stored; preview in the client's language. */
@ApplicationScoped
public class EmailTemplateService {
    @Inject
    EmailTemplateRepository templates;
    @Inject
    EmailRenderer renderer;
    @Inject
    EmailData data;
    @Inject
    EmailSettings settings;
    @Inject
    FieldCatalog catalog;
    @Inject
    CurrentUser currentUser;

    @Transactional
    public List<TemplateView> list() {
        return templates.find("order by category, name").list().stream().map(EmailTemplateService::view).toList();
    }

    @Transactional
    public TemplateView get(UUID id) {
        return view(find(id));
    }

    EmailTemplate find(UUID id) {
        return templates.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Email template"));
    }

    @Transactional
    public TemplateView create(TemplateInput input) {
        List<FieldError> errors = new ArrayList<>();
        if (input.key() == null) errors.add(FieldError.of("key", ErrorCode.REQUIRED, "A key is required"));
        if (input.category() == null) errors.add(FieldError.of("category", ErrorCode.REQUIRED, "A category is required (PEPPOL or GENERAL)"));
        if (input.name() == null || input.name().isBlank()) errors.add(FieldError.of("name", ErrorCode.REQUIRED, "A name is required"));
        if (input.variants() == null) errors.add(FieldError.of("variants", ErrorCode.REQUIRED, "At least one language variant is required"));
        else errors.addAll(checkVariants(input.variants()));
        if (!errors.isEmpty()) throw ProblemException.validation(errors);
        if (templates.findByKey(input.key()).isPresent()) throw ProblemException.conflict("key", ErrorCode.KEY_TAKEN, "A template with this key exists", "key", input.key());
        EmailTemplate t = new EmailTemplate();
        t.key = input.key();
        t.category = input.category();
        t.name = input.name().strip();
        t.variants = variants(input.variants());
        t.updatedAt = OffsetDateTime.now();
        templates.persistAndFlush(t);
        return view(t);
    }

    @Transactional
    public TemplateView patch(UUID id, TemplateInput input, Long ifMatch) {
        EmailTemplate t = find(id);
        if (ifMatch != null && ifMatch != t.version) throw ProblemException.preconditionFailed("The template was changed by someone else (now version " + t.version + ")", t.version);
        if (input.version() != null && input.version() != t.version) {
            throw ProblemException.staleVersion("The template was changed by someone else (now version " + t.version + ")", t.version);
        }
        List<FieldError> errors = new ArrayList<>();
        if (input.key() != null && !input.key().equals(t.key)) {
            if (EmailTemplate.PEPPOL_INFO.equals(t.key)) errors.add(FieldError.of("key", ErrorCode.TEMPLATE_STANDARD, "The standard template keeps its key"));
            else if (templates.findByKey(input.key()).isPresent()) throw ProblemException.conflict("key", ErrorCode.KEY_TAKEN, "A template with this key exists", "key", input.key());
        }
        if (input.name() != null && input.name().isBlank()) errors.add(FieldError.of("name", ErrorCode.REQUIRED, "A name is required"));
        if (input.variants() != null) errors.addAll(checkVariants(input.variants()));
        if (!errors.isEmpty()) throw ProblemException.validation(errors);
        if (input.key() != null) t.key = input.key();
        if (input.category() != null) t.category = input.category();
        if (input.name() != null) t.name = input.name().strip();
        if (input.variants() != null) t.variants = variants(input.variants());
        t.updatedAt = OffsetDateTime.now();
        templates.flush();
        return view(t);
    }

    @Transactional
    public void delete(UUID id) {
        EmailTemplate t = find(id);
        if (EmailTemplate.PEPPOL_INFO.equals(t.key)) {
            throw ProblemException.conflict("key", ErrorCode.TEMPLATE_STANDARD, "The standard peppol_info template is used by the PEPPOL ready action and cannot be deleted");
        }
        templates.delete(t);
    }

    @Transactional
    public Preview preview(UUID id, PreviewRequest request) {
        EmailTemplate t = find(id);
        Map<String, EmailTemplate.Variant> variants = t.variants;
        if (request.variant() != null) {
            String language = request.language() == null ? settings.firmLanguage() : request.language();
            if (!EmailData.LANGUAGES.contains(language)) throw ProblemException.validation("language", ErrorCode.LANGUAGE_UNSUPPORTED, "One of fr, nl, en, de", "allowed", EmailData.LANGUAGES);
            List<FieldError> errors = renderer.check("variant", request.variant().subject(), request.variant().body());
            if (!errors.isEmpty()) throw ProblemException.validation(errors);
            variants = Map.of(language, new EmailTemplate.Variant(request.variant().subject(), request.variant().body()));
        }
        EmailData.Recipient recipient = data.load(List.of(request.clientId())).get(request.clientId());
        if (recipient == null) throw ProblemException.validation("clientId", ErrorCode.REFERENCE_UNKNOWN, "Unknown client", "resource", "Client");
        String language = language(variants, recipient.language());
        EmailTemplate.Variant v = variants.get(language);
        EmailRenderer.Rendered r = renderer.render(v.subject(), v.body(),
                EmailRenderer.data(recipient.client(), recipient.peppol(), data.firm(), EmailData.sender(currentUser.name(), currentUser.email())));
        return new Preview(language, r.subject(), r.html(), r.text(), recipient.email());
    }

    /** The client's language when the template has it, else the firm's, else the first the template has. */
    String language(Map<String, EmailTemplate.Variant> variants, String clientLanguage) {
        if (variants.containsKey(clientLanguage)) return clientLanguage;
        if (variants.containsKey(settings.firmLanguage())) return settings.firmLanguage();
        return EmailData.LANGUAGES.stream().filter(variants::containsKey).findFirst().orElseThrow();
    }

    public Placeholders placeholders() {
        return new Placeholders(EmailRenderer.PLACEHOLDERS,
                catalog.fields().stream().map(f -> EmailRenderer.CUSTOM_PREFIX + f.key()).toList());
    }

    private List<FieldError> checkVariants(Map<String, VariantDto> variants) {
        List<FieldError> errors = new ArrayList<>();
        if (variants.isEmpty()) errors.add(FieldError.of("variants", ErrorCode.REQUIRED, "At least one language variant is required"));
        variants.forEach((language, v) -> {
            String field = "variants." + language;
            if (!EmailData.LANGUAGES.contains(language)) errors.add(FieldError.of(field, ErrorCode.LANGUAGE_UNSUPPORTED, "Languages are fr, nl, en and de", "allowed", EmailData.LANGUAGES));
            else if (v == null) errors.add(FieldError.of(field, ErrorCode.REQUIRED, "A subject and a body are required"));
            else errors.addAll(renderer.check(field, v.subject(), v.body()));
        });
        return errors;
    }

    private static Map<String, EmailTemplate.Variant> variants(Map<String, VariantDto> input) {
        Map<String, EmailTemplate.Variant> out = new LinkedHashMap<>();
        for (String language : EmailData.LANGUAGES) {
            VariantDto v = input.get(language);
            if (v != null) out.put(language, new EmailTemplate.Variant(v.subject().strip(), v.body()));
        }
        return out;
    }

    static TemplateView view(EmailTemplate t) {
        Map<String, VariantDto> variants = new LinkedHashMap<>();
        t.variants.forEach((language, v) -> variants.put(language, new VariantDto(v.subject(), v.body())));
        return new TemplateView(t.id, t.key, t.category, t.name, variants, t.version, t.updatedAt);
    }
}
