package io.platform.etl.k8s;

/**
 * One thing wrong with a manifest: the file (relative to the k8s folder), the document and object it is in,
 * the field (dotted path, empty when the whole document is meant) and what is wrong.
 */
public record Finding(String file, String where, String field, String message) {

    static Finding of(ManifestDocument m, String field, String message) {
        return new Finding(m.file(), m.describe(), field, message);
    }

    @Override
    public String toString() {
        return file + " [" + where + "] " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
