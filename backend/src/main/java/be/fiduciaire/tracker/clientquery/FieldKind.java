package be.fiduciaire.tracker.clientquery;

/** How a selector's values compare in SQL, which decides the operators it accepts. */
public enum FieldKind {
    /** Free text: equality, lists, like, empty. */
    TEXT,
    /** A closed list of codes (type, language, status, select options): equality, lists, empty. */
    CODE,
    NUMBER,
    /** Calendar date stored as ISO text, compared as a date. */
    DATE,
    TIMESTAMP,
    BOOLEAN,
    UUID,
    /** A set of option keys: == / != / =in= / =out= test membership. */
    MULTI,
    /** Only =empty= (documents). */
    PRESENCE
}
