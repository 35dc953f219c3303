package be.fiduciaire.tracker.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.customfield.FieldCatalog;
import be.fiduciaire.tracker.customfield.FieldType;
import be.fiduciaire.tracker.common.db.Db;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Files of DOCUMENT custom fields: stored in client_document, described in client_fields.custom_fields. */
@ApplicationScoped
public class ClientDocumentService {

    /** Accepted content types → the magic bytes the file must start with (null: text, checked for binary bytes). */
    static final Map<String, byte[]> ALLOWED = Map.of(
            "application/pdf", "%PDF-".getBytes(),
            "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
            "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
            "text/plain", new byte[0],
            "text/csv", new byte[0],
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", new byte[] {'P', 'K', 3, 4},
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", new byte[] {'P', 'K', 3, 4});

    public record StoredDocument(String name, String contentType, long size, byte[] data) {}

    @Inject
    Db db;
    @Inject
    ClientRepository clients;
    @Inject
    ClientService service;
    @Inject
    ObjectMapper json;
    @Inject
    FieldCatalog catalog;

    @ConfigProperty(name = "app.documents.max-size", defaultValue = "10M")
    MemorySize maxSize;

    @Transactional
    public ClientView upload(UUID clientId, String fieldKey, String fileName, String contentType, Path file) {
        checkDocumentField(fieldKey);
        if (file == null) throw ProblemException.validation("file", ErrorCode.REQUIRED, "A multipart part named 'file' is required");
        byte[] data;
        try {
            long size = Files.size(file);
            if (size > maxSize.asLongValue()) {
                throw new ProblemException(413, "Content too large", "The file is larger than " + maxSize.asLongValue() + " bytes",
                        java.util.List.of(ProblemException.FieldError.of("file", ErrorCode.FILE_TOO_LARGE, "At most " + maxSize.asLongValue() + " bytes",
                                "max", maxSize.asLongValue())));
            }
            if (size == 0) throw ProblemException.validation("file", ErrorCode.FILE_EMPTY, "The file is empty");
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
        byte[] magic = ALLOWED.get(type);
        if (magic == null) {
            throw ProblemException.validation("file", ErrorCode.FILE_TYPE, "Content type '" + type + "' is not accepted (PDF, PNG, JPEG, text, CSV, DOCX, XLSX)",
                    "type", type);
        }
        if (!matches(data, magic, type)) {
            throw ProblemException.validation("file", ErrorCode.FILE_CONTENT_MISMATCH, "The file's content does not look like " + type, "type", type);
        }
        String name = cleanName(fileName);
        Client client = clients.lock(clientId);
        db.update("""
                insert into client_document (client_id, field_key, name, content_type, size, data) values (?, ?, ?, ?, ?, ?)
                on conflict (client_id, field_key) do update set name = excluded.name, content_type = excluded.content_type,
                       size = excluded.size, data = excluded.data, uploaded_at = now()""",
                clientId, fieldKey, name, type, (long) data.length, data);
        JsonNode value = json.valueToTree(new ClientDtos.DocumentValue(name, data.length, type,
                "/api/clients/" + clientId + "/documents/" + fieldKey));
        service.applyChanges(client, Map.of(), Map.of(fieldKey, value));
        return service.get(clientId);
    }

    @Transactional
    public StoredDocument download(UUID clientId, String fieldKey) {
        clients.requireExists(clientId);
        return db.one("select name, content_type, size, data from client_document where client_id = ? and field_key = ?",
                        r -> new StoredDocument(r.string("name"), r.string("content_type"), r.longValue("size"),
                                (byte[]) r.object("data")),
                        clientId, fieldKey)
                .orElseThrow(() -> ProblemException.notFound("Document"));
    }

    @Transactional
    public ClientView delete(UUID clientId, String fieldKey) {
        checkDocumentField(fieldKey);
        Client client = clients.lock(clientId);
        db.update("delete from client_document where client_id = ? and field_key = ?", clientId, fieldKey);
        if (service.customFields(client).containsKey(fieldKey)) {
            service.applyChanges(client, Map.of(), Map.of(fieldKey, NullNode.getInstance()));
        }
        return service.get(clientId);
    }

    private void checkDocumentField(String fieldKey) {
        var field = catalog.field(fieldKey);
        if (field.isEmpty() || field.get().type() != FieldType.DOCUMENT) {
            throw ProblemException.validation("fieldKey", ErrorCode.FIELD_NOT_DOCUMENT, "'" + fieldKey + "' is not a DOCUMENT custom field", "field", fieldKey);
        }
    }

    static boolean matches(byte[] data, byte[] magic, String type) {
        if (type.startsWith("text/")) {
            int n = Math.min(data.length, 8192);
            for (int i = 0; i < n; i++) if (data[i] == 0) return false;
            return !startsWith(data, ALLOWED.get("application/pdf")) && !startsWith(data, ALLOWED.get("image/png"))
                    && !startsWith(data, new byte[] {'P', 'K', 3, 4});
        }
        return startsWith(data, magic);
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(Arrays.copyOf(data, prefix.length), prefix);
    }

    /**
     * The stored name: the last path segment, without control characters, quotes or invisible format characters
     * (bidirectional overrides such as U+202E that make {@code txt.exe} read as {@code exe.txt}, zero-width characters);
     * a name made only of dots ({@code ..}) is refused.
     */
    static String cleanName(String fileName) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\\p{Cf}\"]", "").strip();
        if (name.isEmpty()) return "document";
        if (name.chars().allMatch(c -> c == '.')) throw ProblemException.validation("file", ErrorCode.FILE_NAME_INVALID, "A file name cannot be made only of dots");
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }

}
