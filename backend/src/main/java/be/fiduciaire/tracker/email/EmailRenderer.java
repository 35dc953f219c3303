package be.fiduciaire.tracker.email;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException.FieldError;
import be.fiduciaire.tracker.customfield.FieldCatalog;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.IfSectionHelper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.ValueResolvers;
import io.quarkus.qute.Variant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Renders user-written templates with Qute. The engine is our own, not the application's: its only value resolver
 * reads Maps, so a template reaches the Strings we pass and nothing else (no reflection, no method calls on server
 * objects, no namespaces such as {@code inject:} or {@code config:}), and its only section is {@code #if}. Every
 * expression is checked against {@link #PLACEHOLDERS} when a template is saved; values are HTML-escaped in bodies.
 */
@ApplicationScoped
public class EmailRenderer {
    /** Every placeholder a template may use, besides {@code client.custom.<fieldKey>}. */
    public static final List<String> PLACEHOLDERS = List.of(
            "client.name", "client.reference", "client.enterpriseNumber", "client.vatNumber", "client.language", "client.email",
            "peppol.status", "peppol.registered", "peppol.accessPoint", "peppol.lastConfirmed",
            "firm.name", "firm.address", "sender.name", "sender.email");
    static final String CUSTOM_PREFIX = "client.custom.";
    private static final Set<String> KNOWN = Set.copyOf(PLACEHOLDERS);
    private static final Pattern CR_LF = Pattern.compile("[\\r\\n\\u0085\\u2028\\u2029]+");

    /** A rendered email. */
    public record Rendered(String subject, String html, String text) {}

    private final Engine engine = Engine.builder()
            .addSectionHelper(new IfSectionHelper.Factory())
            .addValueResolver(ValueResolvers.mapResolver())
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .strictRendering(true)
            .build();

    @Inject
    FieldCatalog catalog;

    /** The errors of one variant's subject and body, each naming {@code <field>.subject|body} and the line. */
    public List<FieldError> check(String field, String subject, String body) {
        List<FieldError> errors = new ArrayList<>();
        if (subject == null || subject.isBlank()) errors.add(FieldError.of(field + ".subject", ErrorCode.REQUIRED, "A subject is required"));
        else if (CR_LF.matcher(subject).find()) errors.add(FieldError.of(field + ".subject", ErrorCode.TEXT_MULTILINE, "The subject must be one line"));
        else if (subject.length() > 300) errors.add(FieldError.of(field + ".subject", ErrorCode.TOO_LONG, "At most 300 characters", "max", 300));
        else check(field + ".subject", subject, Variant.TEXT_PLAIN, errors);
        if (body == null || body.isBlank()) errors.add(FieldError.of(field + ".body", ErrorCode.REQUIRED, "A body is required"));
        else if (body.length() > 100_000) errors.add(FieldError.of(field + ".body", ErrorCode.TOO_LONG, "At most 100,000 characters", "max", 100_000));
        else check(field + ".body", body, Variant.TEXT_HTML, errors);
        return errors;
    }

    private void check(String field, String source, String contentType, List<FieldError> errors) {
        Template template;
        try {
            template = engine.parse(source, Variant.forContentType(contentType), field);
        } catch (TemplateException e) {
            int line = e.getOrigin() == null ? 1 : e.getOrigin().getLine();
            String detail = "syntax error: " + syntaxMessage(e);
            errors.add(FieldError.of(field, ErrorCode.TEMPLATE_SYNTAX, "Line " + line + ": " + detail, "line", line, "detail", detail));
            return;
        }
        for (Expression expression : template.getExpressions()) {
            String problem = problem(expression);
            if (problem != null) {
                int line = expression.getOrigin().getLine();
                errors.add(FieldError.of(field, ErrorCode.TEMPLATE_SYNTAX, "Line " + line + ": " + problem, "line", line, "detail", problem));
            }
        }
    }

    private String problem(Expression expression) {
        if (expression.isLiteral()) return null;
        String shown = expression.toOriginalString();
        if (expression.hasNamespace()) return "unknown placeholder {" + shown + "}";
        StringBuilder path = new StringBuilder();
        for (Expression.Part part : expression.getParts()) {
            if (part.isVirtualMethod()) return "method calls are not allowed: {" + shown + "}";
            if (!path.isEmpty()) path.append('.');
            path.append(part.getName());
        }
        String name = path.toString();
        if (KNOWN.contains(name)) return null;
        if (name.startsWith(CUSTOM_PREFIX) && catalog.field(name.substring(CUSTOM_PREFIX.length())).isPresent()) return null;
        return "unknown placeholder {" + shown + "}";
    }

    private static String syntaxMessage(TemplateException e) {
        String message = e.getMessage() == null ? "invalid template" : e.getMessage();
        // Qute prefixes "Parser error in template [id] line N:" — the field and line are already named
        message = message.replaceFirst("(?s)^.*?line \\d+:\\s*", "");
        int newline = message.indexOf('\n');
        if (newline > 0) message = message.substring(0, newline);
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }

    /** Renders a variant that passed {@link #check}; {@code data} holds only Maps and Strings (see {@link EmailData}). */
    public Rendered render(String subject, String body, Map<String, Object> data) {
        String renderedSubject = foldLine(parsed(subject, Variant.TEXT_PLAIN).render(data));
        String html = parsed(body, Variant.TEXT_HTML).render(data);
        return new Rendered(renderedSubject, html, htmlToText(html));
    }

    /** A send renders the same few sources thousands of times: parse each once (the cache is dropped when it grows). */
    private Template parsed(String source, String contentType) {
        if (parsed.size() > 500) parsed.clear();
        return parsed.computeIfAbsent(contentType + "\u0000" + source, k -> engine.parse(source, Variant.forContentType(contentType)));
    }

    private final Map<String, Template> parsed = new ConcurrentHashMap<>();

    /** One header line: CR/LF (and other line breaks) folded into one space, so no value can start a new header. */
    public static String foldLine(String value) {
        return value == null ? "" : CR_LF.matcher(value).replaceAll(" ").strip();
    }

    private static final Pattern BLOCK_END = Pattern.compile("(?i)</(p|div|h[1-6]|ul|ol|table|tr)>|<br\\s*/?>");
    private static final Pattern LIST_ITEM = Pattern.compile("(?i)<li[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#\\d+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos|nbsp|#39);");

    /** The plain-text alternative of a rendered HTML body: paragraphs and line breaks kept, tags dropped, entities decoded. */
    static String htmlToText(String html) {
        String text = html.replaceAll("\\r?\\n", " ");
        text = BLOCK_END.matcher(text).replaceAll(m -> m.group().toLowerCase().startsWith("<br") ? "\n" : "\n\n");
        text = LIST_ITEM.matcher(text).replaceAll("\n- ");
        text = TAG.matcher(text).replaceAll("");
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(entity(m.group(1))));
        m.appendTail(out);
        text = out.toString().replaceAll("[ \\t]+", " ").replaceAll(" *\\n *", "\n").replaceAll("\\n{3,}", "\n\n");
        return text.strip() + "\n";
    }

    private static String entity(String name) {
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos", "#39" -> "'";
            case "nbsp" -> " ";
            default -> name.startsWith("#x") ? Character.toString(Integer.parseInt(name.substring(2), 16))
                    : Character.toString(Integer.parseInt(name.substring(1)));
        };
    }

    /** Placeholder data as nested Maps of Strings (and the one boolean {@code peppol.registered}). */
    static Map<String, Object> data(Map<String, Object> client, Map<String, Object> peppol, Map<String, Object> firm, Map<String, Object> sender) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("client", client);
        data.put("peppol", peppol);
        data.put("firm", firm);
        data.put("sender", sender);
        return data;
    }
}
