package be.fiduciaire.tracker.customfield;

public enum FieldType {
    TEXT, LONG_TEXT, NUMBER, DATE, BOOLEAN, SELECT, MULTI_SELECT, DOCUMENT, SYSTEM;

    public boolean hasOptions() { return this == SELECT || this == MULTI_SELECT; }
}
