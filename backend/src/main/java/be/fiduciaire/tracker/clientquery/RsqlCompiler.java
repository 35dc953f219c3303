package be.fiduciaire.tracker.clientquery;

import be.fiduciaire.tracker.common.db.Sql;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import be.fiduciaire.tracker.common.Brussels;
import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.customfield.CustomFieldValues;
import cz.jirutka.rsql.parser.RSQLParser;
import cz.jirutka.rsql.parser.RSQLParserException;
import cz.jirutka.rsql.parser.ast.AndNode;
import cz.jirutka.rsql.parser.ast.ComparisonNode;
import cz.jirutka.rsql.parser.ast.ComparisonOperator;
import cz.jirutka.rsql.parser.ast.LogicalNode;
import cz.jirutka.rsql.parser.ast.Node;
import cz.jirutka.rsql.parser.ast.OrNode;
import cz.jirutka.rsql.parser.ast.RSQLOperators;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Compiles an RSQL filter (api.md "Filter syntax") into a parameterised SQL condition over {@code c} / {@code p}.
 * Selectors resolve to fixed expressions or validated custom-field keys; every value becomes a parameter.
 * Anything wrong is a 400 naming the selector, operator or value at fault.
 */
@ApplicationScoped
public class RsqlCompiler {
    public static final ComparisonOperator LIKE = new ComparisonOperator("=like=", false);
    public static final ComparisonOperator EMPTY = new ComparisonOperator("=empty=", false);
    private static final int MAX_LENGTH = 4_000;
    /** Groups in groups: far beyond any real filter, far below what overflows the parser's stack. */
    public static final int MAX_DEPTH = 50;
    /** Digits a number of a filter may have before or after its point (stored numbers stay below 1e15). */
    public static final int MAX_DIGITS = 1_000;
    /** Years a date-time of a filter may name (PostgreSQL's timestamps reach 294276; dates are written with 4 digits). */
    public static final int MIN_YEAR = 1;
    public static final int MAX_YEAR = 9_999;

    private final RSQLParser parser;

    @Inject
    Selectors selectors;
    @Inject
    ObjectMapper json;
    @Inject
    CustomFieldIndexes indexes;

    public RsqlCompiler() {
        Set<ComparisonOperator> operators = new HashSet<>(RSQLOperators.defaultOperators());
        operators.add(LIKE);
        operators.add(EMPTY);
        parser = new RSQLParser(operators);
    }

    /** The condition for {@code filter}; {@code true} when blank. {@code parameter} names the request field in errors. */
    public Sql compile(String filter, String parameter) {
        if (filter == null || filter.isBlank()) return Sql.TRUE;
        if (filter.length() > MAX_LENGTH) throw ProblemException.badRequest(parameter, ErrorCode.FILTER_TOO_LONG, "Filter is longer than " + MAX_LENGTH + " characters", "max", MAX_LENGTH);
        if (depth(filter) > MAX_DEPTH) {
            throw ProblemException.badRequest(parameter, ErrorCode.FILTER_TOO_DEEP, "Filter nests groups more than " + MAX_DEPTH + " levels deep", "max", MAX_DEPTH);
        }
        Node root;
        try {
            root = parser.parse(filter);
        } catch (RSQLParserException e) {
            String detail = describe(e);
            throw ProblemException.badRequest(parameter, ErrorCode.FILTER_MALFORMED, "Malformed filter: " + detail, "detail", detail);
        }
        return new Compilation(parameter).node(root);
    }

    /**
     * Whether every selector of {@code filter} (one {@link #compile} accepted) is a custom field: its condition then
     * reads {@code c.custom_fields} alone, which client_fields holds for every client (V99).
     */
    public boolean readsOnlyCustomFields(String filter) {
        return filter != null && !filter.isBlank() && onlyCustomFields(parser.parse(filter));
    }

    private boolean onlyCustomFields(Node node) {
        if (node instanceof ComparisonNode c) return selectors.find(c.getSelector()).map(Selector::custom).orElse(false);
        return ((LogicalNode) node).getChildren().stream().allMatch(this::onlyCustomFields);
    }

    /**
     * The deepest nesting of parentheses outside quoted values, measured before the parser recurses into them (an
     * unquoted RSQL value cannot hold a parenthesis; a quoted one escapes its quote with a backslash).
     */
    static int depth(String filter) {
        int depth = 0;
        int max = 0;
        char quote = 0;
        for (int i = 0; i < filter.length(); i++) {
            char c = filter.charAt(i);
            if (quote != 0) {
                if (c == '\\') i++;
                else if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                max = Math.max(max, ++depth);
            } else if (c == ')') {
                depth--;
            }
        }
        return max;
    }

    private static String describe(RSQLParserException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage() == null ? "syntax error" : cause.getMessage();
        int newline = message.indexOf('\n');
        if (newline > 0) message = message.substring(0, newline);
        message = message.replace("Encountered", "unexpected").trim();
        if (message.endsWith(".")) message = message.substring(0, message.length() - 1);
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }

    private final class Compilation {
        private final String parameter;

        Compilation(String parameter) { this.parameter = parameter; }

        Sql node(Node node) {
            if (node instanceof ComparisonNode c) return comparison(c);
            LogicalNode logical = (LogicalNode) node;
            List<Sql> parts = new ArrayList<>();
            for (Node child : logical.getChildren()) parts.add(node(child));
            String separator = logical instanceof AndNode ? " and " : " or ";
            assert logical instanceof AndNode || logical instanceof OrNode;
            Sql joined = Sql.join(separator, parts);
            return new Sql("(" + joined.text() + ")", joined.params());
        }

        /** A value of the filter that does not fit its field. */
        private ProblemException bad(Selector s, String value, String message) {
            return ProblemException.badRequest(parameter, ErrorCode.FILTER_VALUE, message, "selector", s.name(), "value", shorten(value));
        }

        Sql comparison(ComparisonNode node) {
            String name = node.getSelector();
            Selector s = selectors.find(name).orElseThrow(() -> ProblemException.badRequest(parameter, ErrorCode.FILTER_UNKNOWN_SELECTOR,
                    "Unknown selector '" + shorten(name) + "'", "selector", shorten(name)));
            indexes.ensure(s);
            String op = node.getOperator().getSymbol();
            List<String> args = node.getArguments();
            String e = s.sql();
            if (op.equals("=empty=")) {
                boolean empty = bool(s, one(s, op, args));
                String isEmpty = switch (s.kind()) {
                    case TEXT -> "(" + e + " is null or " + e + " = '')";
                    case MULTI -> "(" + e + " is null or jsonb_typeof(" + e + ") = 'null' or " + e + " = '[]'::jsonb)";
                    case PRESENCE -> "(" + e + " is null or jsonb_typeof(" + e + ") = 'null')";
                    default -> "(" + e + " is null)";
                };
                return Sql.of(empty ? isEmpty : "not " + isEmpty);
            }
            if (s.kind() == FieldKind.PRESENCE) throw unfit(s, op, "only =empty= applies");
            if (s.kind() == FieldKind.MULTI) return multi(s, op, args);
            switch (op) {
                case "==" -> { return Sql.of(e + " = ?", value(s, one(s, op, args))); }
                case "!=" -> { return Sql.of("(" + e + " is null or " + e + " <> ?)", value(s, one(s, op, args))); }
                case "=in=", "=out=" -> {
                    if (s.kind() == FieldKind.BOOLEAN) throw unfit(s, op, "use == or !=");
                    List<Object> values = new ArrayList<>();
                    for (String a : args) values.add(value(s, a));
                    String marks = String.join(", ", values.stream().map(v -> "?").toList());
                    String sql = op.equals("=in=") ? e + " in (" + marks + ")" : "(" + e + " is null or " + e + " not in (" + marks + "))";
                    return new Sql(sql, values);
                }
                case "=lt=", "<", "=le=", "<=", "=gt=", ">", "=ge=", ">=" -> {
                    if (s.kind() != FieldKind.NUMBER && s.kind() != FieldKind.DATE && s.kind() != FieldKind.TIMESTAMP) {
                        throw unfit(s, op, "ranges apply to numbers and dates only");
                    }
                    String sqlOp = switch (op) {
                        case "=lt=", "<" -> "<";
                        case "=le=", "<=" -> "<=";
                        case "=gt=", ">" -> ">";
                        default -> ">=";
                    };
                    return Sql.of(e + " " + sqlOp + " ?", value(s, one(s, op, args)));
                }
                case "=like=" -> {
                    if (s.kind() != FieldKind.TEXT) throw unfit(s, op, "=like= applies to text fields only");
                    return Sql.of(e + " ilike ? escape '\\'", likePattern(one(s, op, args)));
                }
                default -> throw ProblemException.badRequest(parameter, ErrorCode.FILTER_OPERATOR, "Unknown operator '" + op + "'",
                        "selector", s.name(), "operator", op);
            }
        }

        private Sql multi(Selector s, String op, List<String> args) {
            List<Sql> contains = new ArrayList<>();
            for (String a : args) {
                if (!s.codes().contains(a)) throw bad(s, a, s.name() + ": unknown option '" + shorten(a) + "'");
                // the set contains the code: what its GIN index answers (a custom field's on-demand index,
                // CustomFieldIndexes; a standard set such as peppol.reason has its own)
                contains.add(Sql.of(s.sql() + " @> ?::jsonb", new Sql.JsonParam(json.createArrayNode().add(a).toString())));
            }
            switch (op) {
                case "==", "=in=" -> {
                    if (op.equals("==")) one(s, op, args);
                    Sql any = Sql.join(" or ", contains);
                    return new Sql("(" + any.text() + ")", any.params());
                }
                case "!=", "=out=" -> {
                    if (op.equals("!=")) one(s, op, args);
                    Sql any = Sql.join(" or ", contains);
                    // a client without the field holds none of the options (its array is null, not empty)
                    return new Sql("not coalesce(" + any.text() + ", false)", any.params());
                }
                default -> throw unfit(s, op, "a multi select takes ==, !=, =in=, =out= or =empty=");
            }
        }

        private String one(Selector s, String op, List<String> args) {
            if (args.size() != 1) {
                throw ProblemException.badRequest(parameter, ErrorCode.FILTER_OPERATOR, s.name() + ": " + op + " takes one value",
                        "selector", s.name(), "operator", op);
            }
            return args.get(0);
        }

        private ProblemException unfit(Selector s, String op, String why) {
            return ProblemException.badRequest(parameter, ErrorCode.FILTER_OPERATOR,
                    s.name() + ": operator " + op + " does not fit a " + s.kind().name().toLowerCase() + " field (" + why + ")",
                    "selector", s.name(), "operator", op);
        }

        private boolean bool(Selector s, String value) {
            return switch (value) {
                case "true" -> true;
                case "false" -> false;
                default -> throw bad(s, value, s.name() + ": '" + shorten(value) + "' is not true or false");
            };
        }

        private Object value(Selector s, String v) {
            return switch (s.kind()) {
                case TEXT -> v;
                case CODE -> {
                    if (!s.codes().contains(v)) {
                        throw bad(s, v, s.name() + ": '" + shorten(v) + "' is not one of " + (s.codes().size() <= 12 ? s.codes() : "its options"));
                    }
                    yield v;
                }
                case NUMBER -> {
                    BigDecimal number;
                    try {
                        number = new BigDecimal(v);
                    } catch (NumberFormatException | ArithmeticException ex) {
                        throw bad(s, v, s.name() + ": '" + shorten(v) + "' is not a number");
                    }
                    // PostgreSQL's numeric (and the driver's encoding of it) has bounds; far beyond them a value
                    // would fail or, worse, compare as another number
                    if (number.scale() > MAX_DIGITS || number.precision() - number.scale() > MAX_DIGITS) {
                        throw bad(s, v, s.name() + ": '" + shorten(v) + "' is out of range (at most " + MAX_DIGITS
                                + " digits before and after the point)");
                    }
                    yield number;
                }
                case DATE -> {
                    // stored as YYYY-MM-DD text and compared as text: only dates written the same way compare right
                    if (!CustomFieldValues.isDate(v)) throw bad(s, v, s.name() + ": '" + shorten(v) + "' is not a date (YYYY-MM-DD)");
                    yield v;
                }
                case TIMESTAMP -> {
                    OffsetDateTime at;
                    try {
                        at = v.length() == 10 ? LocalDate.parse(v).atStartOfDay(Brussels.ZONE).toOffsetDateTime() : OffsetDateTime.parse(v);
                    } catch (DateTimeParseException ex) {
                        throw bad(s, v, s.name() + ": '" + shorten(v) + "' is not a date or date-time (ISO 8601)");
                    }
                    if (at.getYear() < MIN_YEAR || at.getYear() > MAX_YEAR) {
                        throw bad(s, v, s.name() + ": '" + shorten(v) + "' is out of range (years " + MIN_YEAR + " to " + MAX_YEAR + ")");
                    }
                    yield at;
                }
                case BOOLEAN -> s.custom() ? String.valueOf(bool(s, v)) : (Object) bool(s, v);
                case UUID -> {
                    try {
                        yield java.util.UUID.fromString(v);
                    } catch (IllegalArgumentException ex) {
                        throw bad(s, v, s.name() + ": '" + shorten(v) + "' is not an id");
                    }
                }
                case MULTI, PRESENCE -> throw new IllegalStateException("handled apart");
            };
        }
    }

    /** {@code *} is the wildcard; SQL's own wildcards in the value are taken literally. */
    static String likePattern(String value) {
        StringBuilder sb = new StringBuilder();
        for (char ch : value.toCharArray()) {
            switch (ch) {
                case '\\', '%', '_' -> sb.append('\\').append(ch);
                case '*' -> sb.append('%');
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
